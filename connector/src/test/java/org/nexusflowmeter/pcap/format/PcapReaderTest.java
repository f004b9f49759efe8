package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/** Classic pcap files built byte by byte, read back field by field. */
class PcapReaderTest {
  private static final long T0 = 1_700_000_000_123_456_789L;
  @TempDir Path dir;

  private static byte[] frame(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void littleEndianMicrosWithSnaplenCutAndCaplenAboveOriglen() throws IOException {
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 96, 0x1400_0001);
    w.packet(T0, frame(60, 1));
    long second = w.offset();
    w.packet(T0 + 2_000, frame(96, 2), 1514);
    long third = w.offset();
    w.packet(T0 + 5_000_000_000L, frame(80, 3), 40);
    List<ReadRecord> r = Reads.whole(w.write(dir.resolve("le.pcap")));

    assertEquals(3, r.size());
    assertEquals(24, r.get(0).fileOffset());
    assertEquals(24 + 16 + 60, second);
    assertEquals(second, r.get(1).fileOffset());
    assertEquals(third, r.get(2).fileOffset());
    assertEquals(1_700_000_000_123_456_000L, r.get(0).timestampNs()); // µs: the ns digits are gone
    assertEquals(1_700_000_000_123_458_000L, r.get(1).timestampNs());
    assertEquals(1_700_000_005_123_456_000L, r.get(2).timestampNs());
    assertEquals(96, r.get(1).capturedLength());
    assertEquals(1514, r.get(1).originalLength());
    assertEquals(80, r.get(2).capturedLength());
    assertEquals(40, r.get(2).originalLength());
    assertArrayEquals(frame(80, 3), r.get(2).data());
    for (ReadRecord rec : r) {
      assertEquals(1, rec.linkType()); // FCS bits above the low 16 masked
      assertTrue(rec.hasTimestamp());
      assertNull(rec.error());
    }
  }

  @Test
  void bigEndianNanosAndAnOutOfRangeFraction() throws IOException {
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, true, 65535, 101);
    w.packet(T0, frame(40, 4));
    w.record(1_700_000_000L, 1_500_000_000L, 20, 20, frame(20, 5));
    List<ReadRecord> r = Reads.whole(w.write(dir.resolve("be.pcap")));
    assertEquals(2, r.size());
    assertEquals(T0, r.get(0).timestampNs());
    assertEquals(1_700_000_000L * 1_000_000_000L + 1_500_000_000L, r.get(1).timestampNs());
    assertEquals(101, r.get(1).linkType());
    assertArrayEquals(frame(20, 5), r.get(1).data());
  }

  @Test
  void truncatedLastRecordHandsOutTheBytesThatAreThere() throws IOException {
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    w.packet(T0, frame(60, 6));
    long cut = w.offset();
    w.record(1, 2, 66, 66, java.util.Arrays.copyOf(frame(66, 7), 33));
    Path file = w.write(dir.resolve("cut.pcap"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(2, r.size());
    assertTrue(r.get(0).ok());
    ReadRecord last = r.get(1);
    assertEquals(cut, last.fileOffset());
    assertEquals(33, last.capturedLength());
    assertEquals(66, last.originalLength());
    assertArrayEquals(java.util.Arrays.copyOf(frame(66, 7), 33), last.data());
    assertEquals("record data cut by end of file: 33 of 66 bytes at offset " + cut + " in " + file, last.error());
  }

  @Test
  void recordHeaderCutByEndOfFile() throws IOException {
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    w.packet(T0, frame(60, 6));
    long cut = w.offset();
    w.raw(new byte[7]);
    Path file = w.write(dir.resolve("cuthdr.pcap"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(2, r.size());
    assertEquals(cut, r.get(1).fileOffset());
    assertEquals(0, r.get(1).capturedLength());
    assertFalse(r.get(1).hasTimestamp());
    assertEquals("record header cut by end of file: 7 of 16 bytes at offset " + cut + " in " + file,
        r.get(1).error());
  }

  @Test
  void absurdCaplenMidFileIsReportedAndTheRecordsAfterItAreFound() throws IOException {
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    for (int i = 0; i < 10; i++) {
      w.packet(T0 + i, frame(100 + i, i));
    }
    long bad = w.offset();
    w.record(1, 0, 0x7FFF_FFFFL, 200, frame(200, 99));
    long firstAfter = w.offset();
    for (int i = 0; i < 500; i++) {
      w.packet(T0 + 1000 + i, frame(60 + i % 700, 1000 + i));
    }
    Path file = w.write(dir.resolve("bad.pcap"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(10 + 1 + 500, r.size());
    ReadRecord error = r.get(10);
    assertEquals(bad, error.fileOffset());
    assertEquals("record caplen 2147483647 above the limit 262144 at offset " + bad + " in " + file, error.error());
    assertEquals(firstAfter, r.get(11).fileOffset());
    assertArrayEquals(frame(60, 1000), r.get(11).data());
    assertEquals(1, r.stream().filter(x -> !x.ok()).count());
    assertEquals(r, Reads.streamed(file));
  }

  @Test
  void notACaptureGivesOneErrorRecord() throws IOException {
    Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);
    Path zeros = Files.write(dir.resolve("zeros.pcap"), new byte[100]);
    Path shortPcap = Files.write(dir.resolve("short.pcap"),
        java.util.Arrays.copyOf(CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, false, 1, 1).bytes(), 20));
    assertEquals(List.of("file too short for a capture header: 0 bytes: " + empty), errors(empty));
    assertEquals(List.of("not a pcap or pcapng file: magic 00000000 at offset 0 in " + zeros), errors(zeros));
    assertEquals(List.of("file too short for a capture header: 20 bytes: " + shortPcap), errors(shortPcap));
    assertEquals(Reads.whole(zeros), Reads.streamed(zeros));
  }

  private static List<String> errors(Path file) throws IOException {
    List<ReadRecord> r = Reads.whole(file);
    r.forEach(x -> assertEquals(0, x.capturedLength()));
    return r.stream().map(ReadRecord::error).toList();
  }
}
