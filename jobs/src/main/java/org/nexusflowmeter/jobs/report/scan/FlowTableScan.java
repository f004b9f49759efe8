package org.nexusflowmeter.jobs.report.scan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nexusflowmeter.jobs.report.html.TimeBuckets;

/**
 * All the reports' numbers of a flow table in as few Spark jobs as there can be. One pass folds each partition
 * into a {@link FlowFold} (totals, groups, bins, top flows, addresses, a first count of the durations), merged
 * on the driver as the partitions finish (an RDD fold, so a table without partitions gives the empty fold). A
 * second pass spreads the flows over the time buckets (their width needs the first pass's span) and, unless the
 * first pass settled it, finds the exact median. Both read only the columns they need, as Spark's internal
 * rows, and nothing is cached. Further passes happen only when many durations crowd the median
 * ({@link MedianSearch}); one Spark grouping by address only when a table has more addresses than
 * {@link #ADDRESSES_IN_MEMORY}.
 */
public final class FlowTableScan {
  public static final int TOP_FLOWS = 5;
  public static final int TOP_TALKERS = 10;
  /** At most about 20 MB of per-address totals per partition and on the driver ({@link AddressTotals}). */
  static final int ADDRESSES_IN_MEMORY = 1 << 18;

  private FlowTableScan() {}

  /**
   * The numbers of the text report and summary JSON: columns flow_id, protocol, start_time, duration_seconds,
   * total_packets, total_bytes, is_bidirectional, connection_state, and source_file if the table has it.
   */
  public static FlowTableSummary statistics(Dataset<Row> flows) {
    return scan(flows, false, ADDRESSES_IN_MEMORY, MedianSearch.KEPT_AT_MOST);
  }

  /** The statistics and the HTML page's numbers: a whole flow table. */
  public static FlowTableSummary report(Dataset<Row> flows) {
    return scan(flows, true, ADDRESSES_IN_MEMORY, MedianSearch.KEPT_AT_MOST);
  }

  /**
   * {@link #report(Dataset)} of the flows a writer wrote and folded as it wrote them ({@link FlowTableFirstPass}):
   * the first pass is done, the table is read once more at most.
   */
  public static FlowTableSummary report(Dataset<Row> flows, FlowTableFirstPass firstPass) {
    return complete(flows, true, Arrays.asList(flows.columns()).contains("source_file"), firstPass.fold,
        MedianSearch.KEPT_AT_MOST);
  }

  /** With {@code addressLimit} addresses kept in memory and {@code keptAtMost} durations kept for the median. */
  static FlowTableSummary scan(Dataset<Row> flows, boolean page, int addressLimit, int keptAtMost) {
    boolean perFile = Arrays.asList(flows.columns()).contains("source_file");
    FlowFold fold = rows(flows.select(foldColumns(page, perFile)))
        .mapPartitions((Iterator<InternalRow> it) -> {
          FlowFold partition = new FlowFold(page, TOP_FLOWS, addressLimit);
          while (it.hasNext()) {
            partition.add(it.next());
          }
          return List.of(partition).iterator();
        })
        .fold(new FlowFold(page, TOP_FLOWS, addressLimit), FlowFold::merge);
    return complete(flows, page, perFile, fold, keptAtMost);
  }

  /** The summary from the first pass's {@code fold}: the passes that need it, then the numbers. */
  private static FlowTableSummary complete(Dataset<Row> flows, boolean page, boolean perFile, FlowFold fold,
      int keptAtMost) {
    double median = 0;
    FlowTableSummary.Timeline timeline = null;
    if (fold.flows > 0) {
      MedianSearch search = new MedianSearch(fold.flows, keptAtMost);
      RankStep step = search.next(fold.durations);
      TimelineSums spread = page ? timelineOf(fold.firstMicros, fold.lastMicros) : null;
      while (step != null || spread != null) {
        SpreadFold done = spread(flows, spread, step);
        step = step == null ? null : search.next(done.durations);
        if (spread != null) {
          timeline = new FlowTableSummary.Timeline(done.timeline.originMicros, done.timeline.bucketMicros,
              done.timeline.packets, done.timeline.bytes);
          spread = null;
        }
      }
      median = search.median();
    }
    long hosts = 0;
    List<FlowTableSummary.AddressBytes> talkers = List.of();
    if (page) {
      TalkerRanking ranking = fold.addresses.complete() ? fold.addresses.ranking(TOP_TALKERS) : talkersBySpark(flows);
      hosts = ranking.offered();
      talkers = ranking.talkers();
    }
    return new FlowTableSummary(fold, perFile, median, decades(fold.durationBins), nonEmpty(fold.sizeBins), page,
        hosts, talkers, timeline);
  }

  private static Column[] foldColumns(boolean page, boolean perFile) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < (page ? FlowFold.COLUMNS.length : FlowFold.SUMMARY_COLUMNS); i++) {
      columns.add(i == FlowFold.FILE && !perFile ? lit(null).cast("string") : FlowFold.COLUMNS[i].selected());
    }
    return columns.toArray(new Column[0]);
  }

  private static TimelineSums timelineOf(long firstMicros, long lastMicros) {
    long width = TimeBuckets.width(firstMicros, lastMicros);
    return new TimelineSums(TimeBuckets.origin(firstMicros, width), width,
        (int) TimeBuckets.count(firstMicros, lastMicros, width));
  }

  /** One pass for the timeline (if {@code timeline} is not null) and the median's next step (if not null). */
  private static SpreadFold spread(Dataset<Row> flows, TimelineSums timeline, RankStep step) {
    List<Column> columns = new ArrayList<>(List.of(FlowFold.COLUMNS[FlowFold.DURATION].selected()));
    if (timeline != null) {
      for (int column : new int[] {FlowFold.START_MICROS, FlowFold.END_MICROS, FlowFold.PACKETS, FlowFold.BYTES}) {
        columns.add(FlowFold.COLUMNS[column].selected());
      }
    }
    long origin = timeline == null ? 0 : timeline.originMicros;
    long width = timeline == null ? 0 : timeline.bucketMicros;
    int buckets = timeline == null ? 0 : timeline.packets.length;
    return rows(flows.select(columns.toArray(new Column[0])))
        .mapPartitions((Iterator<InternalRow> it) -> {
          SpreadFold partition = new SpreadFold(buckets == 0 ? null : new TimelineSums(origin, width, buckets),
              step == null ? null : step.empty());
          while (it.hasNext()) {
            partition.add(it.next());
          }
          return List.of(partition).iterator();
        })
        .fold(new SpreadFold(timeline, step), SpreadFold::merge);
  }

  /** Bytes per address by one Spark grouping (spilling as it needs), folded into the ranking per partition. */
  private static TalkerRanking talkersBySpark(Dataset<Row> flows) {
    Dataset<Row> ends = flows.select(col("src_ip").as("address"), col("forward_bytes").as("sent"),
            col("backward_bytes").as("received"))
        .union(flows.select(col("dst_ip"), col("backward_bytes"), col("forward_bytes")));
    Dataset<Row> perAddress = ends.groupBy(col("address")).agg(sum("sent"), sum("received"));
    return rows(perAddress)
        .mapPartitions((Iterator<InternalRow> it) -> {
          TalkerRanking partition = new TalkerRanking(TOP_TALKERS);
          while (it.hasNext()) {
            InternalRow row = it.next();
            partition.offer(row.getUTF8String(0), row.getLong(1), row.getLong(2));
          }
          return List.of(partition).iterator();
        })
        .fold(new TalkerRanking(TOP_TALKERS), TalkerRanking::merge);
  }

  /** The table's rows as Spark keeps them: no conversion to external rows, strings stay UTF-8 bytes. */
  private static JavaRDD<InternalRow> rows(Dataset<Row> table) {
    return table.queryExecution().toRdd().toJavaRDD();
  }

  private static SortedMap<Integer, Long> decades(long[] slots) {
    SortedMap<Integer, Long> bins = new TreeMap<>();
    for (int slot = 0; slot < slots.length; slot++) {
      if (slots[slot] > 0) {
        bins.put(FlowFold.decadeOfSlot(slot), slots[slot]);
      }
    }
    return bins;
  }

  private static SortedMap<Integer, Long> nonEmpty(long[] bins) {
    SortedMap<Integer, Long> counts = new TreeMap<>();
    for (int i = 0; i < bins.length; i++) {
      if (bins[i] > 0) {
        counts.put(i, bins[i]);
      }
    }
    return counts;
  }
}
