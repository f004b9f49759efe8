package org.nexusflowmeter.pcap.decode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.nexusflowmeter.pcap.format.CaptureInput;

/** A seekable {@link CaptureInput} over a local file, for reading corpus captures in decode tests. */
final class LocalCaptureFile implements CaptureInput {
  private final RandomAccessFile file;

  LocalCaptureFile(Path path) throws IOException {
    this.file = new RandomAccessFile(path.toFile(), "r");
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return file.read(b, off, len);
  }

  @Override
  public void seek(long position) throws IOException {
    file.seek(position);
  }

  @Override
  public boolean seekable() {
    return true;
  }

  @Override
  public long length() {
    try {
      return file.length();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
