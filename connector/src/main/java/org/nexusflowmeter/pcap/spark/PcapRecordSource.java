package org.nexusflowmeter.pcap.spark;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.nexusflowmeter.pcap.format.CaptureInput;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * The records of one partition's splits, split by split, with the read mode applied: what the row and the
 * columnar reader share. Counts the records read and the malformed ones.
 */
final class PcapRecordSource implements Closeable {
  private final PcapFileSplit[] splits;
  private final Configuration conf;
  private final ReadMode mode;

  private int nextSplit;
  private CaptureInput input;
  private CaptureReader reader;

  long packetsRead;
  long malformedRecords;

  PcapRecordSource(PcapInputPartition partition, Configuration conf, ReadMode mode) {
    this.splits = partition.splits();
    this.conf = conf;
    this.mode = mode;
  }

  /** Opens the next split and returns its file's path, or returns null when every split was read. */
  String nextSplit() throws IOException {
    if (nextSplit == splits.length) {
      return null;
    }
    PcapFileSplit fileSplit = splits[nextSplit++];
    openSplit(fileSplit);
    return fileSplit.split.path;
  }

  /**
   * The next record of the open split that the read mode lets through (valid until the next call), or null
   * at the split's end, which closes the split. FAILFAST throws on a malformed record; DROPMALFORMED skips it.
   */
  PacketRecord nextRecord() throws IOException {
    while (reader.next()) {
      PacketRecord record = reader.record();
      packetsRead++;
      if (record.error == null) {
        return record;
      }
      malformedRecords++;
      if (mode == ReadMode.FAILFAST) {
        throw new IOException("malformed capture record (mode FAILFAST): " + record.error);
      }
      if (mode == ReadMode.PERMISSIVE) {
        return record;
      }
    }
    closeSplit();
    return null;
  }

  private void openSplit(PcapFileSplit fileSplit) throws IOException {
    Path path = new Path(fileSplit.split.path);
    FileSystem fs = path.getFileSystem(conf);
    FSDataInputStream stream = fs.open(path);
    try {
      if (fileSplit.codecClass == null) {
        input = new HadoopSeekableInput(stream, fileSplit.split.fileLength);
      } else {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodecByClassName(fileSplit.codecClass);
        if (codec == null) {
          throw new IOException("codec " + fileSplit.codecClass + " of " + path + " is not available");
        }
        input = new DecompressingInput(codec.createInputStream(stream));
      }
      reader = CaptureReaders.open(input, fileSplit.split);
    } catch (IOException | RuntimeException e) {
      stream.close();
      input = null;
      throw e;
    }
  }

  private void closeSplit() throws IOException {
    try {
      reader.close();
    } finally {
      reader = null;
      input.close();
      input = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      closeSplit();
    }
  }
}
