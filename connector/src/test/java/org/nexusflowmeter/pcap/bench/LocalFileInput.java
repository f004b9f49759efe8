package org.nexusflowmeter.pcap.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nexusflowmeter.pcap.format.CaptureInput;

/** A local file as a seekable {@link CaptureInput}, for the benchmarks and the oracle checks. */
public final class LocalFileInput implements CaptureInput {
  private final FileChannel channel;
  private final long length;

  public LocalFileInput(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    this.length = channel.size();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return channel.read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void seek(long position) throws IOException {
    channel.position(position);
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
    channel.close();
  }
}
