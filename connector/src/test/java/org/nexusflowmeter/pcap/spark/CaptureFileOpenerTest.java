package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSInputChecker;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureFileOpenerTest {
  @TempDir Path dir;

  private final LocalFileSystem local;
  private final byte[] content = new byte[200_000];

  CaptureFileOpenerTest() throws IOException {
    local = FileSystem.getLocal(new Configuration());
    new Random(7).nextBytes(content);
  }

  @Test
  void aLocalFileWithoutChecksumFileIsReadWithoutTheChecksumLayer() throws IOException {
    Path file = dir.resolve("plain.pcap");
    Files.write(file, content);
    try (FSDataInputStream in = CaptureFileOpener.open(local, new org.apache.hadoop.fs.Path(file.toUri()))) {
      assertFalse(in.getWrappedStream() instanceof FSInputChecker, in.getWrappedStream().getClass().getName());
      assertArrayEquals(content, readAll(in));
    }
  }

  /** Hadoop's local file system writes a .crc file beside the file; a byte changed afterwards must not pass. */
  @Test
  void aLocalFileWithChecksumFileIsStillVerified() throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.resolve("summed.pcap").toUri());
    try (FSDataOutputStream out = local.create(path)) {
      out.write(content);
    }
    assertTrue(Files.exists(dir.resolve(".summed.pcap.crc")));
    try (FSDataInputStream in = CaptureFileOpener.open(local, path)) {
      assertInstanceOf(FSInputChecker.class, in.getWrappedStream());
      assertArrayEquals(content, readAll(in));
    }
    try (RandomAccessFile file = new RandomAccessFile(dir.resolve("summed.pcap").toFile(), "rw")) {
      file.seek(150_000);
      file.write(content[150_000] ^ 1);
    }
    try (FSDataInputStream in = CaptureFileOpener.open(local, path)) {
      assertThrows(ChecksumException.class, () -> readAll(in));
    }
  }

  private byte[] readAll(FSDataInputStream in) throws IOException {
    byte[] read = new byte[content.length];
    in.readFully(read);
    return read;
  }
}
