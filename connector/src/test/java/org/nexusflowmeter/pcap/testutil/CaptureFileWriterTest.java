package org.nexusflowmeter.pcap.testutil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's bytes, checked by hand and (when installed) by tshark, an independent reader. */
class CaptureFileWriterTest {
  @TempDir Path dir;

  @Test
  void pcapHeaderAndRecordBytesBigEndianNanos() {
    byte[] file = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, true, 96, 1)
        .packet(1_500_000_000_123_456_789L, new byte[] {7, 8, 9}, 60).bytes();
    byte[] expected = {
      (byte) 0xa1, (byte) 0xb2, 0x3c, 0x4d, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 96, 0, 0, 0, 1,
      0x59, 0x68, 0x2f, 0x00, 0x07, 0x5b, (byte) 0xcd, 0x15, 0, 0, 0, 3, 0, 0, 0, 60, 7, 8, 9};
    assertArrayEquals(expected, file);
  }

  @Test
  void pcapngBlocksLittleEndian() {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section();
    assertEquals(28, w.offset());
    w.iface(1, 0, 9, 5);
    assertEquals(28 + 20 + 8 + 12 + 4, w.offset());
    long epbAt = w.offset();
    w.epb(0, 0x0000000100000002L, new byte[] {1, 2, 3, 4, 5});
    byte[] b = w.bytes();
    assertEquals(6, b[(int) epbAt]);
    assertEquals(40, b[(int) epbAt + 4]); // 12 + 20 + 8 (5 bytes padded)
    assertEquals(40, b[(int) epbAt + 36]);
    assertEquals(1, b[(int) epbAt + 12]); // ts high
    assertEquals(2, b[(int) epbAt + 16]); // ts low
  }

  @Test
  void tsharkReadsWhatTheWriterWrites() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed");
    byte[] frame = new byte[60];
    frame[12] = (byte) 0x88; // an ethertype nobody decodes further
    frame[13] = (byte) 0xb5;
    Path pcap = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1)
        .packet(1_000_000_001_000L, frame)
        .packet(2_000_000_002_000L, frame, 1514)
        .write(dir.resolve("a.pcap"));
    assertEquals(List.of("1000.000001000\t60\t60", "2000.000002000\t60\t1514"), tshark(pcap));

    Path ng = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section()
        .iface(1, 0, 9, 100)
        .block(4, new byte[] {0, 0, 0, 0}) // an empty name resolution block
        .epb(0, 1_000_000_000_500L, frame, 70)
        .section(ByteOrder.LITTLE_ENDIAN)
        .iface(1, 0, 0x88)
        .epb(0, 256 * 3 + 128, frame)
        .pb(0, 512, frame, 60)
        .block(0x0123, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}) // a type nobody defines: skipped
        .write(dir.resolve("b.pcapng"));
    assertEquals(List.of("1100.000000500\t60\t70", "3.500000000\t60\t60", "2.000000000\t60\t60"), tshark(ng));
  }

  private static List<String> tshark(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/tshark", "-r", file.toString(), "-T", "fields",
        "-e", "frame.time_epoch", "-e", "frame.cap_len", "-e", "frame.len")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes()).lines().toList());
    p.waitFor(60, TimeUnit.SECONDS);
    return lines;
  }
}
