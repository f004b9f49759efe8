package org.nexusflowmeter.jobs.flows;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The flow job's results made once and kept, so the table can be read many times (written, counted, reported on)
 * without computing anything again, and so the job knows its undecided keys before it plans their rebuild.
 *
 * <p>The rows are kept in {@link RowBlock}s on the executors' local disks (the page cache, mostly), not in their
 * heaps, so memory does not grow with the number of flows. Unlike a local checkpoint the lineage stays: a block
 * lost with its executor is made again from the input instead of failing the readers.
 */
final class FlowTableCheckpoint {
  private final JavaRDD<RowBlock> blocks;
  private final Dataset<Row> table;

  private FlowTableCheckpoint(JavaRDD<RowBlock> blocks, Dataset<Row> table) {
    this.blocks = blocks;
    this.table = table;
  }

  /** Computes {@code rows} now and keeps them, as a table of {@code schema}. */
  static FlowTableCheckpoint of(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    JavaRDD<RowBlock> blocks = rows.mapPartitions(RowBlock::pack).persist(StorageLevel.DISK_ONLY());
    try {
      // every task stores its blocks, then reads them back (Spark's way of giving a stored partition), which
      // here only returns their arrays to the thread
      blocks.foreachPartition(stored -> stored.forEachRemaining(RowBlock::release));
    } catch (Exception e) {
      // a failed read (a damaged capture) leaves nothing kept: the blocks its finished tasks stored go with it
      blocks.unpersist(false);
      throw e;
    }
    int fields = schema.size();
    return new FlowTableCheckpoint(blocks,
        SparkRows.keptFrame(spark, blocks.mapPartitions(stored -> RowBlock.unpack(stored, fields)), schema));
  }

  Dataset<Row> table() {
    return table;
  }

  /**
   * Deletes the kept blocks and waits until they are gone; a later read computes the rows again. Freed at once,
   * their page-cache pages are what the next files written get (see {@link FlowJobRun#release}).
   */
  void release() {
    blocks.unpersist(true);
  }
}
