package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.pcap.format.CaptureInput;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.PacketRecord;

/** Reads the splits of one partition in order, one row per record, applying the read mode to malformed ones. */
final class PcapPartitionReader implements PartitionReader<InternalRow> {
  private final PcapFileSplit[] splits;
  private final Configuration conf;
  private final ReadMode mode;
  private final PcapRowWriter writer;

  private final PcapMetrics.TaskValue packetsRead = new PcapMetrics.TaskValue(PcapMetrics.PACKETS_READ);
  private final PcapMetrics.TaskValue packetsDecoded = new PcapMetrics.TaskValue(PcapMetrics.PACKETS_DECODED);
  private final PcapMetrics.TaskValue dataBytesCopied = new PcapMetrics.TaskValue(PcapMetrics.DATA_BYTES_COPIED);
  private final PcapMetrics.TaskValue malformedRecords = new PcapMetrics.TaskValue(PcapMetrics.MALFORMED_RECORDS);
  private final CustomTaskMetric[] metrics = {packetsRead, packetsDecoded, dataBytesCopied, malformedRecords};

  private int nextSplit;
  private CaptureInput input;
  private CaptureReader reader;
  private InternalRow current;

  PcapPartitionReader(PcapInputPartition partition, Configuration conf, StructType requiredSchema, ReadMode mode) {
    this.splits = partition.splits();
    this.conf = conf;
    this.mode = mode;
    this.writer = new PcapRowWriter(requiredSchema);
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (reader == null) {
        if (nextSplit == splits.length) {
          return false;
        }
        openSplit(splits[nextSplit++]);
      }
      if (!reader.next()) {
        closeSplit();
        continue;
      }
      PacketRecord record = reader.record();
      packetsRead.value++;
      if (record.error != null) {
        malformedRecords.value++;
        if (mode == ReadMode.FAILFAST) {
          throw new IOException("malformed capture record (mode FAILFAST): " + record.error);
        }
        if (mode == ReadMode.DROPMALFORMED) {
          continue;
        }
      }
      current = writer.write(record);
      return true;
    }
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    packetsDecoded.value = writer.packetsDecoded;
    dataBytesCopied.value = writer.dataBytesCopied;
    return metrics;
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
    writer.startFile(fileSplit.split.path);
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
