package org.nexusflowmeter.pcap.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
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
 * One pass over a 64 MB in-memory capture (the generator's mix), three ways: the bare header walk
 * (the floor), our reader, our reader plus header decoding. Compare the three scores with each other,
 * never with another machine's: time per pass divided by the packet count printed at setup gives the
 * cost per packet.
 *
 * <p>Run: {@code java -cp <test classpath> org.openjdk.jmh.Main ReaderBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReaderBenchmark {
  private byte[] capture;
  private final DecodedPacket decoded = new DecodedPacket();

  @Setup
  public void generate() throws IOException {
    Path file = Files.createTempFile("reader-benchmark", ".pcap");
    try {
      long packets = CaptureGenerator.write(file, 64L << 20, 7);
      capture = Files.readAllBytes(file);
      System.out.println("capture: " + capture.length + " bytes, " + packets + " packets");
    } finally {
      Files.delete(file);
    }
  }

  @Benchmark
  public long floor() {
    ByteBuffer b = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
    long sum = 0;
    int p = 24;
    while (p + 16 <= capture.length) {
      int caplen = b.getInt(p + 8);
      sum += b.getInt(p + 12);
      p += 16 + caplen;
    }
    return sum;
  }

  @Benchmark
  public long records() throws IOException {
    long sum = 0;
    try (CaptureReader reader = open()) {
      while (reader.next()) {
        sum += reader.record().originalLength;
      }
    }
    return sum;
  }

  @Benchmark
  public long recordsAndDecode() throws IOException {
    long sum = 0;
    try (CaptureReader reader = open()) {
      while (reader.next()) {
        PacketRecord r = reader.record();
        PacketDecoder.decode(r.data, r.dataOffset, r.capturedLength, r.linkType, decoded);
        sum += r.originalLength + decoded.srcPort;
      }
    }
    return sum;
  }

  private CaptureReader open() throws IOException {
    return CaptureReaders.open(new ByteArrayInput(capture), CaptureSplit.whole("memory", capture.length));
  }
}
