package org.nexusflowmeter.jobs.report;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The numbers of the original tool's report, over a flow table: flows by protocol, duration and size statistics,
 * top flows, bidirectional share. Everything is aggregated by Spark; only the few result rows reach the driver.
 */
public final class FlowStatistics {
  static final int TOP_FLOWS = 5;

  /** One of the top flows. */
  public static final class TopFlow {
    public final String flowId;
    /** Null unless the table keeps files apart. */
    public final String sourceFile;
    public final long packets;
    public final long bytes;

    TopFlow(String flowId, String sourceFile, long packets, long bytes) {
      this.flowId = flowId;
      this.sourceFile = sourceFile;
      this.packets = packets;
      this.bytes = bytes;
    }
  }

  public final long flows;
  public final long packets;
  public final long bytes;
  public final long bidirectional;
  /** Zero when there are no flows, as every statistic below. */
  public final double averageDurationSeconds;
  public final double medianDurationSeconds;
  public final double maxDurationSeconds;
  public final double averagePackets;
  public final long maxPackets;
  public final double averageBytes;
  public final long maxBytes;
  /** Flows per protocol, most flows first (ties by name). */
  public final Map<String, Long> byProtocol;
  /** Flows per connection_state, most flows first (ties by name). */
  public final Map<String, Long> byState;
  /** Flows per source_file by name, empty unless the table has that column. */
  public final Map<String, Long> bySourceFile;
  public final List<TopFlow> topByPackets;
  public final List<TopFlow> topByBytes;

  private FlowStatistics(Row totals, Map<String, Long> byProtocol, Map<String, Long> byState,
      Map<String, Long> bySourceFile, List<TopFlow> topByPackets, List<TopFlow> topByBytes) {
    this.flows = totals.getLong(0);
    this.packets = longOrZero(totals, 1);
    this.bytes = longOrZero(totals, 2);
    this.bidirectional = longOrZero(totals, 3);
    this.averageDurationSeconds = doubleOrZero(totals, 4);
    this.medianDurationSeconds = doubleOrZero(totals, 5);
    this.maxDurationSeconds = doubleOrZero(totals, 6);
    this.averagePackets = doubleOrZero(totals, 7);
    this.maxPackets = longOrZero(totals, 8);
    this.averageBytes = doubleOrZero(totals, 9);
    this.maxBytes = longOrZero(totals, 10);
    this.byProtocol = byProtocol;
    this.byState = byState;
    this.bySourceFile = bySourceFile;
    this.topByPackets = topByPackets;
    this.topByBytes = topByBytes;
  }

  /** The statistics of {@code flows} (columns of the flow table, {@code source_file} optional). */
  public static FlowStatistics of(Dataset<Row> flows) {
    Row totals = flows.agg(count(lit(1)), sum(col("total_packets")), sum(col("total_bytes")),
        sum(when(col("is_bidirectional"), 1L).otherwise(0L)), avg(col("duration_seconds")),
        median(col("duration_seconds")), max(col("duration_seconds")), avg(col("total_packets")),
        max(col("total_packets")), avg(col("total_bytes")), max(col("total_bytes"))).first();
    boolean perFile = Arrays.asList(flows.columns()).contains("source_file");
    // one small aggregation gives all three distributions: protocols x states (x files) is a short list
    List<Row> groups = flows.groupBy(col("protocol"), col("connection_state"),
        perFile ? col("source_file") : lit(null).cast("string")).count().collectAsList();
    return new FlowStatistics(totals, countsOf(groups, 0, true), countsOf(groups, 1, true),
        perFile ? countsOf(groups, 2, false) : Map.of(), top(flows, "total_packets", perFile),
        top(flows, "total_bytes", perFile));
  }

  /** Share of all flows in percent, 0 without flows. */
  public double percentOfFlows(long count) {
    return flows == 0 ? 0 : 100.0 * count / flows;
  }

  /** Sums the group counts (last field) by field {@code key}: most flows first (ties by name), or by name. */
  private static Map<String, Long> countsOf(List<Row> groups, int key, boolean mostFirst) {
    Map<String, Long> sums = new TreeMap<>();
    for (Row r : groups) {
      sums.merge(r.getString(key), r.getLong(3), Long::sum);
    }
    List<Map.Entry<String, Long>> entries = new ArrayList<>(sums.entrySet());
    if (mostFirst) {
      entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    }
    Map<String, Long> result = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries) {
      result.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(result);
  }

  /** The top flows by {@code column}, ties by start time, flow id (and file): the same list every run. */
  private static List<TopFlow> top(Dataset<Row> flows, String column, boolean perFile) {
    List<Column> order = new ArrayList<>(List.of(desc(column), col("start_time"), col("flow_id")));
    if (perFile) {
      order.add(col("source_file"));
    }
    Dataset<Row> ordered = flows.orderBy(order.toArray(new Column[0]));
    List<TopFlow> top = new ArrayList<>();
    for (Row r : ordered.select(col("flow_id"), perFile ? col("source_file") : lit(null).cast("string"),
        col("total_packets"), col("total_bytes")).limit(TOP_FLOWS).collectAsList()) {
      top.add(new TopFlow(r.getString(0), r.isNullAt(1) ? null : r.getString(1), r.getLong(2), r.getLong(3)));
    }
    return Collections.unmodifiableList(top);
  }

  private static long longOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
  }

  private static double doubleOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0 : ((Number) row.get(i)).doubleValue();
  }
}
