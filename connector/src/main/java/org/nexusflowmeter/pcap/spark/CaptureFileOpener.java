package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens a capture file for reading. A file of a checksummed file system (Hadoop's local one) that has no
 * checksum file beside it is opened on the raw file system underneath: without sums to verify, the checksum
 * layer only copies each read through its own code, whose main loop the JIT compiles at its top tier once a
 * scan runs long enough (a third of a CPU-second in a 20-million-packet scan). A file with a checksum file is
 * still verified against it.
 */
final class CaptureFileOpener {
  private CaptureFileOpener() {}

  static FSDataInputStream open(FileSystem fs, Path path) throws IOException {
    if (fs instanceof ChecksumFileSystem checksummed && !fs.exists(checksummed.getChecksumFile(path))) {
      return checksummed.getRawFileSystem().open(path);
    }
    return fs.open(path);
  }
}
