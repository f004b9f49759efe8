package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * What opening a split allocates, which a scan of many splits multiplies: the chain proof's arrays (an int per
 * byte of a window of about 450 KiB for a 64 KiB snaplen) are the thread's, not each split's, and the window
 * grows to an array below G1's humongous size (half of a 1 MiB region), not to a doubled 512 KiB.
 */
class SplitScratchAllocationTest {
  private static final int SNAPLEN = 65_535;
  /** G1's humongous threshold with 1 MiB regions (heaps below 4 GiB, as this project's), less an array header. */
  private static final int BELOW_HUMONGOUS = 512 * 1024 - 16;
  @TempDir Path dir;

  @Test
  void splitsOpenedOneAfterAnotherShareTheProofsArrays() throws IOException {
    Random random = new Random(3);
    CaptureFileWriter.Pcap writer = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, SNAPLEN, 1);
    for (int i = 0; i < 40_000; i++) {
      byte[] frame = new byte[60 + random.nextInt(100)];
      random.nextBytes(frame);
      writer.packet(1_700_000_000_000_000_000L + i, frame);
    }
    Path file = writer.write(dir.resolve("splits.pcap"));
    long length = Files.size(file);
    int splits = 16;
    long splitLength = length / (splits + 1);
    openAt(file, length, splitLength); // the thread's arrays, once
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    long firstOffsets = 0;
    for (int s = 1; s <= splits; s++) {
      firstOffsets += openAt(file, length, s * splitLength);
    }
    long perSplit = (threads.getCurrentThreadAllocatedBytes() - before) / splits;
    assertTrue(firstOffsets > 0);
    // a split's own: its window (256 KiB, then about 450 KiB for the proof) and small objects; the proof's
    // arrays of its own would add 2.8 MB
    assertTrue(perSplit < 1_200_000, "bytes allocated per split opened: " + perSplit);
  }

  @Test
  void theProofWindowOfA64KiBSnaplenIsNotAHumongousArray() throws IOException {
    Path file = dir.resolve("bytes");
    Files.write(file, new byte[1 << 20]);
    try (LocalFileInput input = LocalFileInput.seekable(file)) {
      InputWindow window = new InputWindow(input, 0);
      PcapChainProof proofSizes = new PcapChainProof(window, PcapFileHeader.parse(
          CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, SNAPLEN, 1).bytes(), 0));
      // what a split's sync asks of the window
      int proofWindow = proofSizes.backReach + proofSizes.maxRecord + proofSizes.span
          + PcapFileHeader.RECORD_HEADER_LENGTH;
      assertEquals(proofWindow, window.require(0, proofWindow));
      assertTrue(window.bytes.length >= proofWindow && window.bytes.length <= BELOW_HUMONGOUS,
          "window of " + window.bytes.length + " bytes for a request of " + proofWindow);
    }
  }

  /** Opens the split starting at start and returns its first record's offset. */
  private static long openAt(Path file, long length, long start) throws IOException {
    try (LocalFileInput input = LocalFileInput.seekable(file);
        CaptureReader reader = CaptureReaders.open(input, new CaptureSplit(file.toString(), start, length, length,
            null))) {
      assertTrue(reader.next(), "a record after " + start);
      return reader.record().fileOffset;
    }
  }
}
