package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * Large hand-built captures, clean and damaged, read as splits down to a few hundred bytes: every split
 * gives exactly the sequential records in its range.
 */
class BigCaptureSplitTest {
  private static final int PACKETS = 50_000;
  private static final long T0 = 1_767_225_600_000_000_000L;
  @TempDir Path dir;

  /** Random bytes, runs of zeros, or a capture carried inside the packet (a parallel record chain). */
  private static byte[] payload(Random random, int length, boolean bigEndian) {
    byte[] b = new byte[length];
    switch (random.nextInt(4)) {
      case 0 -> { } // zeros, as in padding
      case 1 -> {
        CaptureFileWriter.Pcap inner = CaptureFileWriter.pcap(bigEndian ? ByteOrder.BIG_ENDIAN
            : ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        while (inner.offset() < length) {
          inner.packet(T0, new byte[1 + random.nextInt(60)]);
        }
        System.arraycopy(inner.bytes(), 0, b, 0, length);
      }
      default -> random.nextBytes(b);
    }
    return b;
  }

  @Test
  void cleanPcap() throws IOException {
    Random random = new Random(1);
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    for (int i = 0; i < PACKETS; i++) {
      w.packet(T0 + i * 1000L, payload(random, 40 + random.nextInt(960), false), 1514);
    }
    Path file = w.write(dir.resolve("big.pcap"));
    SplitCheck check = new SplitCheck(file);
    assertEquals(PACKETS, check.sequential().size());
    printRate(file, PACKETS);
    checkSplits(check, random);
  }

  @Test
  void cleanPcapngOfSeveralSections() throws IOException {
    Random random = new Random(2);
    CaptureFileWriter.Pcapng w = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN);
    for (int i = 0; i < PACKETS; i++) {
      if (i % (PACKETS / 3) == 0) {
        w.section(i % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
            .iface(1, 0).iface(101, 0, 9, 3).iface(1, 128, 0x88);
      }
      byte[] frame = payload(random, 40 + random.nextInt(960), true);
      switch (random.nextInt(10)) {
        case 0 -> w.spb(frame, frame.length + 4);
        case 1 -> w.pb(2, i * 256L, frame, frame.length);
        case 2 -> w.block(5, new byte[random.nextInt(40)]).epb(1, T0 + i, frame);
        default -> w.epb(random.nextInt(2), i * 1_000L, frame, 1514);
      }
    }
    Path file = w.write(dir.resolve("big.pcapng"));
    SplitCheck check = new SplitCheck(file);
    assertEquals(PACKETS, check.sequential().size());
    checkSplits(check, random);
  }

  @Test
  void damagedPcap() throws IOException {
    Random random = new Random(3);
    CaptureFileWriter.Pcap w = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, true, 1000, 1);
    for (int i = 0; i < 8000; i++) {
      int kind = random.nextInt(1500); // sparse: a resync needs a long proven chain after the damage
      if (kind == 0) {
        w.record(1, 2, 0x7FFF_FFFFL, 100, payload(random, 100, true)); // absurd caplen
      } else if (kind == 1) {
        byte[] garbage = new byte[1 + random.nextInt(3000)];
        random.nextBytes(garbage);
        w.raw(garbage); // random bytes between records
      } else if (kind == 2) {
        w.packet(T0 + i, payload(random, 1200, true), 1200); // above the snaplen, below the hard limit
      } else if (kind == 3) {
        w.packet(T0 + i, payload(random, 300, true), 60); // caplen above origlen
      } else {
        w.packet(T0 + i, payload(random, 40 + random.nextInt(900), true));
      }
    }
    w.record(9, 9, 500, 500, new byte[100]); // cut by end of file
    Path file = w.write(dir.resolve("damaged.pcap"));
    SplitCheck check = new SplitCheck(file);
    long errors = check.sequential().stream().filter(r -> !r.ok()).count();
    assertEquals(true, errors >= 6, errors + " error records");
    checkSplits(check, random);
  }

  private static void checkSplits(SplitCheck check, Random random) throws IOException {
    for (long size : new long[] {300, 4096, 65_536, 1 << 20, 150 + random.nextInt(5000)}) {
      check.plan(size, 60, random);
    }
    check.randomCuts(8, random);
  }

  private static void printRate(Path file, int packets) throws IOException {
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t = System.nanoTime();
      try (CaptureInput input = LocalFileInput.seekable(file)) {
        CaptureReader reader = CaptureReaders.open(input, CaptureSplit.whole(file.toString(), -1));
        long sum = 0;
        while (reader.next()) {
          sum += reader.record().capturedLength;
        }
        assertEquals(true, sum > 0);
      }
      best = Math.min(best, System.nanoTime() - t);
    }
    System.out.printf("sequential header read: %d records in %.1f ms, %.1f M records/s%n", packets, best / 1e6,
        packets / (best / 1e9) / 1e6);
  }
}
