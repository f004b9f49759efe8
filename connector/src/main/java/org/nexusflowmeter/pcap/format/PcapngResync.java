package org.nexusflowmeter.pcap.format;

import java.io.IOException;

/**
 * Finds the next pcapng block after damage by proof: a candidate offset is accepted when its block and
 * the blocks after it (up to {@link #CHAIN_BLOCKS}) each have a plausible total length of at most
 * {@link CaptureLimits#MAX_PROOF_BLOCK_LENGTH} bytes whose trailing copy is equal, or the chain runs
 * exactly into end of file or into a block cut by it. A section header block carries its own byte order;
 * other blocks are read in the current section's order, and before any section only an SHB is accepted.
 */
final class PcapngResync {
  static final int CHAIN_BLOCKS = 3;
  private static final int PROBE_SPAN = CHAIN_BLOCKS * CaptureLimits.MAX_PROOF_BLOCK_LENGTH + PcapngBlocks.FRAMING;

  private PcapngResync() {}

  /** The first proven block start at or after from, or -1. section: the current section, or null. */
  static long find(InputWindow window, long from, PcapngSection section) throws IOException {
    for (long candidate = from; ; candidate++) {
      int available = window.require(candidate, PROBE_SPAN);
      if (available < PcapngBlocks.FRAMING) {
        return -1;
      }
      if (provesChain(window.bytes, window.index(candidate), available, section)) {
        return candidate;
      }
    }
  }

  private static boolean provesChain(byte[] b, int start, int available, PcapngSection section) {
    int order = section == null ? -1 : section.bigEndian ? 1 : 0;
    int rel = 0;
    for (int block = 0; block < CHAIN_BLOCKS; block++) {
      if (rel == available || rel + PcapngBlocks.FRAMING > available) {
        // the chain ran exactly into end of file, or into a block cut by it
        return block > 0 && available < PROBE_SPAN;
      }
      int i = start + rel;
      if (Bytes.i32(b, i, true) == PcapngBlocks.SECTION_HEADER) {
        order = PcapngBlocks.sectionByteOrder(b, i);
      } else if (block == 0 && section == null) {
        return false;
      }
      if (order < 0) {
        return false;
      }
      boolean bigEndian = order == 1;
      long length = Bytes.u32(b, i + 4, bigEndian);
      if (!PcapngBlocks.plausibleLength(length, CaptureLimits.MAX_PROOF_BLOCK_LENGTH)) {
        return false;
      }
      if (rel + length > available) {
        return block > 0 && available < PROBE_SPAN;
      }
      if (Bytes.u32(b, i + (int) length - 4, bigEndian) != length) {
        return false;
      }
      rel += (int) length;
    }
    return true;
  }
}
