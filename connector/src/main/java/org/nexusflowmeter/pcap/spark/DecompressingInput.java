package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import java.io.InputStream;
import org.nexusflowmeter.pcap.format.CaptureInput;

/** The decompressed bytes of a compressed file, read once from the start: not seekable, length unknown. */
final class DecompressingInput implements CaptureInput {
  private final InputStream in;

  DecompressingInput(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public void seek(long position) {
    throw new UnsupportedOperationException("a decompressing stream cannot seek");
  }

  @Override
  public boolean seekable() {
    return false;
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
