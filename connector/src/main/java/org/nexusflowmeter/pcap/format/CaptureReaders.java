package org.nexusflowmeter.pcap.format;

import java.io.IOException;
import java.util.List;

/** Entry points of the format layer: plan splits of a file, open a reader on one. */
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
    throw new UnsupportedOperationException("format layer not written yet");
  }

  /** Opens a reader over the split; the caller keeps ownership of input and closes it after the reader. */
  public static CaptureReader open(CaptureInput input, CaptureSplit split) throws IOException {
    throw new UnsupportedOperationException("format layer not written yet");
  }
}
