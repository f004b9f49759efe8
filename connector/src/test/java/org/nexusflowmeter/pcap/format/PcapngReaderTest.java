package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/** pcapng files built block by block, read back field by field. */
class PcapngReaderTest {
  @TempDir Path dir;

  private static byte[] frame(int length, int seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void sectionsOfMixedByteOrderWithTheirOwnInterfaces() throws IOException {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section()
        .iface(1, 0) // microseconds
        .iface(101, 0, 9, 100); // nanoseconds, +100 s
    long a = w.offset();
    w.epb(0, 1_700_000_000_123_456L, frame(60, 1));
    long b = w.offset();
    w.epb(1, 1_700_000_000_123_456_789L, frame(61, 2), 1500);
    w.block(4, new byte[] {0, 0, 0, 0}) // NRB
        .block(5, new byte[20]) // ISB
        .block(0x0A, new byte[12]) // DSB
        .block(0xBAD, new byte[9]) // custom
        .block(0x40000BAD, new byte[9]) // custom, not to be copied
        .block(0x7777, new byte[3]); // unknown
    w.section(ByteOrder.LITTLE_ENDIAN).iface(113, 0, 0x88);
    long c = w.offset();
    w.epb(0, 3 * 256 + 128, frame(62, 3));
    long d = w.offset();
    w.pb(0, 256, frame(63, 4), 63);
    List<ReadRecord> r = Reads.whole(w.write(dir.resolve("mixed.pcapng")));

    assertEquals(4, r.size());
    assertEquals(List.of(a, b, c, d), r.stream().map(ReadRecord::fileOffset).toList());
    assertEquals(1_700_000_000_123_456_000L, r.get(0).timestampNs());
    assertEquals(1_700_000_100_123_456_789L, r.get(1).timestampNs());
    assertEquals(3_500_000_000L, r.get(2).timestampNs());
    assertEquals(1_000_000_000L, r.get(3).timestampNs());
    assertEquals(List.of(1, 101, 113, 113), r.stream().map(ReadRecord::linkType).toList());
    assertEquals(List.of(0, 1, 0, 0), r.stream().map(ReadRecord::interfaceId).toList());
    assertEquals(1500, r.get(1).originalLength());
    assertArrayEquals(frame(61, 2), r.get(1).data());
    assertArrayEquals(frame(63, 4), r.get(3).data());
    r.forEach(x -> assertNull(x.error()));
    r.forEach(x -> assertTrue(x.hasTimestamp()));
  }

  @Test
  void simplePacketBlocksTakeInterfaceZeroAndItsSnaplen() throws IOException {
    Path file = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section()
        .iface(1, 64)
        .spb(frame(60, 5), 60)
        .spb(frame(64, 6), 1514) // cut at snaplen 64
        .spb(frame(10, 7), 200) // block holds only 10 bytes (12 with padding)
        .write(dir.resolve("spb.pcapng"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(3, r.size());
    assertEquals(List.of(60, 64, 12), r.stream().map(ReadRecord::capturedLength).toList());
    assertEquals(List.of(60L, 1514L, 200L), r.stream().map(ReadRecord::originalLength).toList());
    r.forEach(x -> assertFalse(x.hasTimestamp()));
    r.forEach(x -> assertEquals(1, x.linkType()));
    assertArrayEquals(frame(64, 6), r.get(1).data());
  }

  @Test
  void packetOnAnUndeclaredInterfaceIsAnErrorAndReadingGoesOn() throws IOException {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section().iface(1, 0);
    long bad = w.offset();
    w.epb(3, 1, frame(60, 8));
    long badCaplen = w.offset();
    w.epb(0, 1, 500, 500, frame(60, 9));
    long good = w.offset();
    w.epb(0, 2, frame(60, 10));
    Path file = w.write(dir.resolve("undeclared.pcapng"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(3, r.size());
    assertEquals("enhanced packet block on interface 3 but the section declares 1 at offset " + bad + " in "
        + file, r.get(0).error());
    assertEquals("enhanced packet block caplen 500 does not fit its block of 92 bytes at offset " + badCaplen
        + " in " + file, r.get(1).error());
    assertEquals(good, r.get(2).fileOffset());
    assertTrue(r.get(2).ok());
  }

  @Test
  void truncatedLastBlockHandsOutTheBytesThatAreThere() throws IOException {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section().iface(1, 0);
    w.epb(0, 5, frame(100, 11));
    long cut = w.offset();
    byte[] whole = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).epb(0, 6, frame(1316, 12)).bytes();
    w.raw(Arrays.copyOf(whole, 674));
    Path file = w.write(dir.resolve("cut.pcapng"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(2, r.size());
    ReadRecord last = r.get(1);
    assertEquals(cut, last.fileOffset());
    assertEquals(674 - 28, last.capturedLength());
    assertEquals(1316, last.originalLength());
    assertEquals(6_000L, last.timestampNs());
    assertArrayEquals(Arrays.copyOf(frame(1316, 12), 674 - 28), last.data());
    assertEquals("block type 0x6 cut by end of file: 674 of 1348 bytes at offset " + cut + " in " + file,
        last.error());
  }

  @Test
  void brokenFramingMidFileIsFollowedByAResyncToTheNextBlock() throws IOException {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section().iface(1, 0);
    w.epb(0, 1, frame(60, 13));
    long bad = w.offset();
    byte[] broken = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).epb(0, 2, frame(60, 14)).bytes();
    broken[broken.length - 4] = 0x55; // trailing length no longer equal
    w.raw(broken);
    long next = w.offset();
    for (int i = 0; i < 5; i++) {
      w.epb(0, 3 + i, frame(70 + i, 15 + i));
    }
    Path file = w.write(dir.resolve("broken.pcapng"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(1 + 1 + 5, r.size());
    assertEquals(bad, r.get(1).fileOffset());
    assertEquals("block type 0x6 with total length 92 but trailing length 85 at offset " + bad + " in " + file,
        r.get(1).error());
    assertEquals(next, r.get(2).fileOffset());
    assertEquals(1, r.stream().filter(x -> !x.ok()).count());
    assertEquals(r, Reads.streamed(file));
  }

  @Test
  void absurdTotalLengthIsFollowedByAResync() throws IOException {
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section().iface(1, 0);
    long bad = w.offset();
    w.raw(new byte[] {0, 0, 0, 6, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFC, 1, 2, 3, 4});
    long next = w.offset();
    w.epb(0, 1, frame(60, 20)).epb(0, 2, frame(60, 21));
    Path file = w.write(dir.resolve("absurd.pcapng"));
    List<ReadRecord> r = Reads.whole(file);
    assertEquals(3, r.size());
    assertEquals("block type 0x6 with total length 2147483644 above the limit " + CaptureLimits.MAX_BLOCK_LENGTH
        + " at offset " + bad + " in " + file, r.get(0).error());
    assertEquals(next, r.get(1).fileOffset());
  }
}
