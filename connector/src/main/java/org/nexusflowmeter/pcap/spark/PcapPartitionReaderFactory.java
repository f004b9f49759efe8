package org.nexusflowmeter.pcap.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/** Shipped to executors with each task: the pruned schema, the mode and the broadcast Hadoop configuration. */
final class PcapPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> conf;
  private final StructType requiredSchema;
  private final ReadMode mode;

  PcapPartitionReaderFactory(Broadcast<SerializableConfiguration> conf, StructType requiredSchema, ReadMode mode) {
    this.conf = conf;
    this.requiredSchema = requiredSchema;
    this.mode = mode;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new PcapPartitionReader((PcapInputPartition) partition, conf.value().value(), requiredSchema, mode);
  }
}
