package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.pcap.format.PacketRecord;

/** Reads the splits of one partition in order, one row per record the read mode lets through. */
final class PcapPartitionReader implements PartitionReader<InternalRow> {
  private final PcapRecordSource source;
  private final PcapRowWriter writer;
  private final PcapMetrics.TaskValues metrics = new PcapMetrics.TaskValues();

  private boolean inSplit;
  private InternalRow current;

  PcapPartitionReader(PcapInputPartition partition, Configuration conf, StructType requiredSchema, ReadMode mode) {
    this.source = new PcapRecordSource(partition, conf, mode);
    this.writer = new PcapRowWriter(requiredSchema);
  }

  @Override
  public boolean next() throws IOException {
    while (true) {
      if (!inSplit) {
        String path = source.nextSplit();
        if (path == null) {
          return false;
        }
        writer.startFile(path);
        inSplit = true;
      }
      PacketRecord record = source.nextRecord();
      if (record == null) {
        inSplit = false;
        continue;
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
    return metrics.update(source, writer.packetsDecoded, writer.dataBytesCopied);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
