package org.nexusflowmeter.pcap.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Shipped to executors with each task: the pruned schema, the read options and the broadcast Hadoop
 * configuration. Every partition of a scan reads the same way, column batches or rows, as the columnar
 * option says: Spark requires one or the other for the whole scan.
 */
final class PcapPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final Broadcast<SerializableConfiguration> conf;
  private final StructType requiredSchema;
  private final ReadMode mode;
  private final boolean columnar;
  private final int batchSize;
  private final long batchBytes;

  PcapPartitionReaderFactory(Broadcast<SerializableConfiguration> conf, StructType requiredSchema,
      PcapReadOptions options) {
    this.conf = conf;
    this.requiredSchema = requiredSchema;
    this.mode = options.mode;
    this.columnar = options.columnar;
    this.batchSize = options.batchSize;
    this.batchBytes = options.batchBytes;
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return columnar;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new PcapPartitionReader(createColumnarReader(partition));
  }

  /** The records of {@code partition} with this scan's read mode, for {@link PcapDecodedScan}. */
  PcapRecordSource createRecordSource(InputPartition partition) {
    return new PcapRecordSource((PcapInputPartition) partition, conf.value().value(), mode);
  }

  @Override
  public PcapColumnarPartitionReader createColumnarReader(InputPartition partition) {
    return new PcapColumnarPartitionReader((PcapInputPartition) partition, conf.value().value(), mode,
        new PcapBatchWriter(requiredSchema, batchSize, batchBytes));
  }
}
