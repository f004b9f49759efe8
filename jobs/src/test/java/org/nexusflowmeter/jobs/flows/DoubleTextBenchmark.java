package org.nexusflowmeter.jobs.flows;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text of 65,536 doubles into one buffer, by {@link DoubleText} and by {@code Double.toString} (the baseline,
 * what the CSV writer did for every value before DoubleText): time per pass, so the two scores' ratio is the
 * speed-up. {@code values}: {@code rates} are the values of 16 and 17 significant digits a flow table mostly
 * holds besides times (packets and bytes per second, means, ratios, inter-arrival means); {@code times} are
 * durations and gaps in whole microseconds, of at most 15 digits.
 *
 * <p>Run: {@code java -cp <jobs test classpath> org.openjdk.jmh.Main DoubleTextBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DoubleTextBenchmark {
  @Param({"rates", "times"})
  public String values;

  private final double[] doubles = new double[1 << 16];
  private final TextBuffer buffer = new TextBuffer(1 << 21);

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20261128L);
    for (int i = 0; i < doubles.length; i++) {
      long micros = random.nextLong(1, 3_000_000_000L);
      long count = random.nextLong(2, 100_000);
      doubles[i] = values.equals("times") ? micros / 1e6
          : switch (i % 3) {
            case 0 -> count / (micros / 1e6);
            case 1 -> (double) random.nextLong(60, 100_000_000) / count;
            default -> micros / 1e3 / (count - 1);
          };
    }
  }

  @Benchmark
  public int doubleText() {
    buffer.clear();
    for (double d : doubles) {
      DoubleText.append(buffer, d);
    }
    return buffer.length();
  }

  @Benchmark
  public int javaToString() {
    buffer.clear();
    for (double d : doubles) {
      buffer.appendAscii(Double.toString(d));
    }
    return buffer.length();
  }
}
