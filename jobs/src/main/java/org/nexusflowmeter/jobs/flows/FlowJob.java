package org.nexusflowmeter.jobs.flows;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets of the {@code pcap} source in, flows out (flow spec section 4), without moving packets between tasks.
 *
 * <ol>
 *   <li>Each task builds the flows of the packets it reads, one segment per file, holding only live flows
 *       ({@link SegmentFlowRunner}).</li>
 *   <li>Those flows (not packets) are grouped by key and ordered by start; {@link KeyFoldRunner} joins the
 *       flows that meet at segment edges exactly as one pass over the capture would, and numbers them.</li>
 *   <li>Keys that this cannot decide (their packets out of time order within a segment, or segments that
 *       interleave in time, as two captures of the same traffic do) are rebuilt from their packets, sorted by
 *       capture order ({@link KeyPacketsRunner}). This reads the input a second time, only when such keys
 *       exist, and moves only their packets.</li>
 * </ol>
 * A flow is therefore one row however the input was split, partitioned or spread over files, and the " #2",
 * " #3" numbering of a key's flows follows start order.
 *
 * <p>Step 1 also counts every record by file and reason ({@link PacketCounts}), steps 2 and 3 the flows by
 * protocol and state ({@link FlowTallyAccumulator}), so a run summary needs no second read.
 *
 * <p>All three steps run when {@link #flows} or {@link #run} is called (the job must know the undecided keys to
 * plan step 3); their results are kept on the executors' disks ({@link FlowTableCheckpoint}), so the returned
 * table can be read many times (written, counted, reported on) without computing anything again.
 */
public final class FlowJob {
  /**
   * How far behind the newest packet time a new key's first packet may be and still count as in order in a
   * segment. Capture disorder is usually microseconds (several interfaces merged); a key later than this is
   * rebuilt from its packets, exactly, just slower.
   */
  static final long DISORDER_SLACK_NANOS = 1_000_000_000L;

  private static final Logger LOG = LoggerFactory.getLogger(FlowJob.class);

  private FlowJob() {}

  /** The flow table of {@code packets} (a {@code spark.read().format("pcap")} Dataset, any selection of files). */
  public static Dataset<Row> flows(Dataset<Row> packets, FlowJobOptions options) {
    return run(packets, options).flows();
  }

  /** The flow table of {@code packets}, and what each file gave, from one pass over the packets. */
  public static FlowJobRun run(Dataset<Row> packets, FlowJobOptions options) {
    SparkSession spark = packets.sparkSession();
    // Registered without names: Spark shows a named accumulator's value in its UI, turning the driver's map to
    // text on the listener thread while task ends merge into it on the scheduler's (a
    // ConcurrentModificationException in the log); the maps are read only by this job.
    PacketCountsAccumulator counts = new PacketCountsAccumulator();
    spark.sparkContext().register(counts);
    FlowTallyAccumulator tally = new FlowTallyAccumulator();
    spark.sparkContext().register(tally);
    boolean apart = options.filesKeptApart();
    FlowTimeouts timeouts = options.timeouts();
    StructType schema = FlowColumns.outputSchema(apart);
    JavaRDD<InternalRow> packetRows = PacketRows.of(packets);

    JavaRDD<InternalRow> pieces = packetRows.mapPartitionsWithIndex(
        new SegmentFlowRunner(timeouts, DISORDER_SLACK_NANOS, apart, counts), false);
    JavaRDD<InternalRow> foldedRows = SparkRows.of(foldGroups(SparkRows.frame(spark, pieces, FlowPieces.SCHEMA),
            packetRows.getNumPartitions())
        .sortWithinPartitions(FlowPieces.HASH_ORDER))
        .mapPartitionsWithIndex(new KeyFoldRunner(timeouts, apart, tally), false);
    FlowTableCheckpoint folded = FlowTableCheckpoint.of(spark, foldedRows, schema);
    List<FlowTableCheckpoint> kept = new ArrayList<>(List.of(folded));
    Dataset<Row> flows = folded.table();

    UndecidedKeys undecided = tally.undecided(apart);
    LOG.info("flow job: {} keys out of time order or interleaved across segments, rebuilt from their packets",
        undecided.size());
    if (!undecided.isEmpty()) {
      JavaRDD<InternalRow> rebuilt = spark.createDataFrame(packetRows.mapPartitions(undecided), KeyPackets.SCHEMA)
          .repartition(KeyPackets.GROUP)
          .sortWithinPartitions(KeyPackets.ORDER)
          .toJavaRDD()
          .mapPartitionsWithIndex(new KeyPacketsRunner(timeouts, apart, tally), false);
      FlowTableCheckpoint rebuiltTable;
      try {
        rebuiltTable = FlowTableCheckpoint.of(spark, rebuilt, schema);
      } catch (Exception e) {
        // a failed run keeps nothing: a batch goes on with its next capture
        folded.release();
        throw e;
      }
      kept.add(rebuiltTable);
      flows = SparkRows.keptUnion(flows, rebuiltTable.table());
    }
    return new FlowJobRun(flows, counts.byFile(), tally.flows(),
        () -> kept.forEach(FlowTableCheckpoint::release));
  }

  /**
   * The pieces grouped by key into at least as many partitions as the packets have (segments), so that a fold
   * task holds about as many pieces as a segment has flows however large the input: a task whose pieces outnumber
   * the sort's in-memory limit (the command sets {@code spark.shuffle.spill.numElementsForceSpillThreshold})
   * writes them to disk in sorted runs and merges those back, which had been a third of the fold's CPU on the
   * comparison capture with a fixed number of partitions. With fewer segments than Spark's shuffle partitions,
   * Spark's own grouping, which adaptive execution may coalesce.
   */
  private static Dataset<Row> foldGroups(Dataset<Row> pieces, int packetPartitions) {
    return packetPartitions > Integer.parseInt(pieces.sparkSession().conf().get("spark.sql.shuffle.partitions"))
        ? pieces.repartition(packetPartitions, FlowPieces.GROUP)
        : pieces.repartition(FlowPieces.GROUP);
  }
}
