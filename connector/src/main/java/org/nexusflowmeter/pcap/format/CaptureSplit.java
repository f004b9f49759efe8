package org.nexusflowmeter.pcap.format;

import java.io.Serializable;

/**
 * A byte range of one capture file whose records one reader owns: every record whose first byte lies in
 * [start, end). Planned on the driver by {@link CaptureReaders#plan}, read on an executor by
 * {@link CaptureReaders#open}.
 */
public final class CaptureSplit implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The file's path, as given to the user in messages and in the file_path column. */
  public final String path;
  public final long start;
  /** Exclusive; Long.MAX_VALUE for a whole file of unknown length. */
  public final long end;
  /** Length of the file in bytes, or -1 when unknown (compressed input). */
  public final long fileLength;
  /**
   * Format state at {@link #start} that the driver established while planning, or null when the reader
   * finds its own (a whole file, or a classic pcap split, which syncs itself by proof).
   */
  public final Serializable startState;

  public CaptureSplit(String path, long start, long end, long fileLength, Serializable startState) {
    this.path = path;
    this.start = start;
    this.end = end;
    this.fileLength = fileLength;
    this.startState = startState;
  }

  /** The whole file as one split: compressed input, or a file read by one reader. */
  public static CaptureSplit whole(String path, long fileLength) {
    return new CaptureSplit(path, 0, fileLength < 0 ? Long.MAX_VALUE : fileLength, fileLength, null);
  }

  public boolean isWholeFile() {
    return start == 0 && (end == Long.MAX_VALUE || end == fileLength);
  }

  @Override
  public String toString() {
    return path + " [" + start + ", " + (end == Long.MAX_VALUE ? "end" : Long.toString(end)) + ")";
  }
}
