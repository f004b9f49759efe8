package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.nexusflowmeter.pcap.format.CaptureInput;

/** An uncompressed file of any Hadoop file system: seekable, length known from its FileStatus. */
final class HadoopSeekableInput implements CaptureInput {
  private final FSDataInputStream in;
  private final long length;

  HadoopSeekableInput(FSDataInputStream in, long length) {
    this.in = in;
    this.length = length;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public void seek(long position) throws IOException {
    in.seek(position);
  }

  @Override
  public boolean seekable() {
    return true;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
