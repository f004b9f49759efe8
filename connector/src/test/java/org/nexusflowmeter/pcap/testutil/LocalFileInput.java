package org.nexusflowmeter.pcap.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.nexusflowmeter.pcap.format.CaptureInput;

/**
 * A {@link CaptureInput} over a local file, for tests and benchmarks: seekable (RandomAccessFile) or a
 * plain forward stream like a decompressing one.
 */
public final class LocalFileInput implements CaptureInput {
  private final RandomAccessFile file;
  private final InputStream stream;
  private final long length;

  private LocalFileInput(RandomAccessFile file, InputStream stream, long length) {
    this.file = file;
    this.stream = stream;
    this.length = length;
  }

  public static LocalFileInput seekable(Path path) throws IOException {
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "r");
    return new LocalFileInput(file, null, file.length());
  }

  /** Like a decompressing stream: no seek, unknown length. */
  public static LocalFileInput stream(Path path) throws IOException {
    return new LocalFileInput(null, java.nio.file.Files.newInputStream(path), -1);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return file != null ? file.read(b, off, len) : stream.read(b, off, len);
  }

  @Override
  public void seek(long position) throws IOException {
    if (file == null) {
      throw new IOException("not seekable");
    }
    file.seek(position);
  }

  @Override
  public boolean seekable() {
    return file != null;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    } else {
      stream.close();
    }
  }
}
