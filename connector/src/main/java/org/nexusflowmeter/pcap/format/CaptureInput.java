package org.nexusflowmeter.pcap.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * The bytes of one capture file, as the format readers see them: a stream that may be seekable.
 * Hadoop streams, local files and decompressing streams all come through this.
 */
public interface CaptureInput extends Closeable {
  /** Reads up to len bytes at the current position; returns -1 at end of input. */
  int read(byte[] b, int off, int len) throws IOException;

  /** Moves to an absolute byte position; only when {@link #seekable()}. */
  void seek(long position) throws IOException;

  /** False for decompressing streams, which are read whole from the start. */
  boolean seekable();

  /** Total length in bytes, or -1 when unknown (compressed input). */
  long length();
}
