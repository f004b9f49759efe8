package org.nexusflowmeter.jobs.flows;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text of 65,536 longs into one buffer, by {@link TextBuffer#appendLong} and by {@code Long.toString} (the
 * baseline): time per pass, so the two scores' ratio is the speed-up. The values are a flow row's integers in
 * their proportions: ports, packet counts, byte counts, flag counts (1 to 9 digits, most of them 1 to 5).
 *
 * <p>Run: {@code java -cp <jobs test classpath> org.openjdk.jmh.Main LongTextBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LongTextBenchmark {
  private final long[] longs = new long[1 << 16];
  private final TextBuffer buffer = new TextBuffer(1 << 21);

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(20261129L);
    for (int i = 0; i < longs.length; i++) {
      longs[i] = switch (i % 4) {
        case 0 -> random.nextLong(1, 65_536);
        case 1 -> random.nextLong(1, 1 << random.nextInt(1, 20));
        case 2 -> random.nextLong(40, 1L << random.nextInt(7, 31));
        default -> random.nextLong(0, 10);
      };
    }
  }

  @Benchmark
  public int textBuffer() {
    buffer.clear();
    for (long v : longs) {
      buffer.appendLong(v);
    }
    return buffer.length();
  }

  @Benchmark
  public int javaToString() {
    buffer.clear();
    for (long v : longs) {
      buffer.appendAscii(Long.toString(v));
    }
    return buffer.length();
  }
}
