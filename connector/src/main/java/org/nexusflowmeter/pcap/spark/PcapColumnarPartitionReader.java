package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * Reads the splits of one partition in order, one column batch at a time, a row per record the read mode
 * lets through. A batch ends at its split's end, so its file_path is one value.
 */
final class PcapColumnarPartitionReader implements PartitionReader<ColumnarBatch> {
  private final PcapRecordSource source;
  private final PcapBatchWriter writer;
  private final PcapMetrics.TaskValues metrics = new PcapMetrics.TaskValues();

  private String splitPath;

  PcapColumnarPartitionReader(PcapInputPartition partition, Configuration conf, ReadMode mode,
      PcapBatchWriter writer) {
    this.source = new PcapRecordSource(partition, conf, mode);
    this.writer = writer;
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (splitPath == null) {
        splitPath = source.nextSplit();
        if (splitPath == null) {
          return false;
        }
      }
      writer.startBatch(splitPath);
      while (!writer.isFull()) {
        PacketRecord record = source.nextRecord();
        if (record == null) {
          splitPath = null;
          break;
        }
        writer.write(record);
      }
      if (!writer.isEmpty()) {
        return true;
      }
    }
  }

  @Override
  public ColumnarBatch get() {
    return writer.batch();
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return metrics.update(source, writer.packetsDecoded, writer.dataBytesCopied);
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      writer.close();
    }
  }
}
