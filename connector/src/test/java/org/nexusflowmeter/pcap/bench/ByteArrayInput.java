package org.nexusflowmeter.pcap.bench;

import org.nexusflowmeter.pcap.format.CaptureInput;

/** A capture held in memory, so a benchmark measures the reader and not the disk. */
final class ByteArrayInput implements CaptureInput {
  private final byte[] bytes;
  private int position;

  ByteArrayInput(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (position >= bytes.length) {
      return -1;
    }
    int n = Math.min(len, bytes.length - position);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public void seek(long newPosition) {
    position = (int) newPosition;
  }

  @Override
  public boolean seekable() {
    return true;
  }

  @Override
  public long length() {
    return bytes.length;
  }

  @Override
  public void close() {}
}
