package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Reads the splits of one partition in order, one row per record the read mode lets through: the rows of the
 * column batches that {@link PcapColumnarPartitionReader} fills, one at a time, so both readers give the same
 * values by construction. A row is a view into the batch; Spark copies it into a row of its own before asking
 * for the next.
 */
final class PcapPartitionReader implements PartitionReader<InternalRow> {
  private final PcapColumnarPartitionReader batches;
  private ColumnarBatch batch;
  private int row;

  PcapPartitionReader(PcapColumnarPartitionReader batches) {
    this.batches = batches;
  }

  @Override
  public boolean next() throws IOException {
    row++;
    while (batch == null || row >= batch.numRows()) {
      if (!batches.next()) {
        return false;
      }
      batch = batches.get();
      row = 0;
    }
    return true;
  }

  @Override
  public InternalRow get() {
    return batch.getRow(row);
  }

  @Override
  public CustomTaskMetric[] currentMetricsValues() {
    return batches.currentMetricsValues();
  }

  @Override
  public void close() throws IOException {
    batches.close();
  }
}
