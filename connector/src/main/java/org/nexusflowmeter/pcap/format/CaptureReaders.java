package org.nexusflowmeter.pcap.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of the format layer: plan splits of a file, open a reader on one. The format comes from
 * the first four bytes: a classic pcap magic (a1b2c3d4 µs, a1b23c4d ns, either byte order) or a pcapng
 * section header block (0a0d0d0a). Anything else reads as one error record.
 *
 * <p>Classic pcap splits are plain byte ranges; each reader finds its first record by proof
 * ({@link PcapReader}, {@link PcapChainProof}). pcapng splits start at exact block offsets with the
 * section state there ({@link PcapngPlanner}).
 */
public final class CaptureReaders {
  private CaptureReaders() {}

  /** Opens the input of one file; called as often as planning needs. */
  @FunctionalInterface
  public interface InputOpener {
    CaptureInput open() throws IOException;
  }

  /**
   * Cuts one uncompressed file into splits of about splitSize bytes that together own every record
   * exactly once. Reads the file head (and whatever else the format needs to be exact).
   */
  public static List<CaptureSplit> plan(String path, long fileLength, long splitSize, InputOpener opener)
      throws IOException {
    if (splitSize <= 0) {
      throw new IllegalArgumentException("split size must be positive: " + splitSize);
    }
    if (fileLength < 0 || fileLength <= splitSize) {
      return List.of(CaptureSplit.whole(path, fileLength));
    }
    try (CaptureInput input = opener.open()) {
      InputWindow window = new InputWindow(input, 0);
      int available = window.require(0, PcapFileHeader.LENGTH);
      int magic = available >= 4 ? Bytes.i32(window.bytes, window.index(0), true) : 0;
      if (available == PcapFileHeader.LENGTH && PcapFileHeader.isMagic(magic)) {
        return byteRanges(path, fileLength, splitSize);
      }
      if (available >= 4 && magic == PcapngBlocks.SECTION_HEADER) {
        return PcapngPlanner.plan(path, fileLength, splitSize, window);
      }
      return List.of(CaptureSplit.whole(path, fileLength));
    }
  }

  private static List<CaptureSplit> byteRanges(String path, long fileLength, long splitSize) {
    List<CaptureSplit> splits = new ArrayList<>();
    for (long start = 0; start < fileLength; start += splitSize) {
      splits.add(new CaptureSplit(path, start, Math.min(start + splitSize, fileLength), fileLength, null));
    }
    return splits;
  }

  /** Opens a reader over the split; the caller keeps ownership of input and closes it after the reader. */
  public static CaptureReader open(CaptureInput input, CaptureSplit split) throws IOException {
    if (input.seekable()) {
      input.seek(0);
    }
    InputWindow window = new InputWindow(input, 0);
    int available = window.require(0, PcapFileHeader.LENGTH);
    // the error of a file that is no capture belongs to offset 0; a 0-byte file's whole split is [0, 0)
    boolean ownsFileHead = split.start == 0 && (split.end > 0 || split.isWholeFile());
    if (available < 4) {
      return new ErrorOnlyReader(ownsFileHead ? tooShort(available, split.path) : null);
    }
    int magic = Bytes.i32(window.bytes, window.index(0), true);
    if (PcapFileHeader.isMagic(magic)) {
      if (available < PcapFileHeader.LENGTH) {
        return new ErrorOnlyReader(ownsFileHead ? tooShort(available, split.path) : null);
      }
      return PcapReader.open(window, PcapFileHeader.parse(window.bytes, window.index(0)), split);
    }
    if (magic == PcapngBlocks.SECTION_HEADER) {
      PcapngReader reader = new PcapngReader(window, split, (PcapngSection) split.startState);
      if (split.startState == null) {
        reader.skipTo(split.start);
      }
      return reader;
    }
    return new ErrorOnlyReader(ownsFileHead
        ? "not a pcap or pcapng file: magic " + Bytes.hex32(magic) + " at offset 0 in " + split.path : null);
  }

  private static String tooShort(int length, String path) {
    return "file too short for a capture header: " + length + " bytes: " + path;
  }
}
