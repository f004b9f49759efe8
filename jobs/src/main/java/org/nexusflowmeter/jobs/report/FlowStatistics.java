package org.nexusflowmeter.jobs.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/**
 * The numbers of the original tool's report, over a flow table: flows by protocol, duration and size statistics,
 * top flows, bidirectional share. Read off a {@link FlowTableSummary}: the table's partitions are folded where
 * they are, and only the folds reach the driver.
 */
public final class FlowStatistics {
  static final int TOP_FLOWS = FlowTableScan.TOP_FLOWS;

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

  private FlowStatistics(FlowTableSummary table) {
    this.flows = table.flows;
    this.packets = table.packets;
    this.bytes = table.bytes;
    this.bidirectional = table.bidirectional;
    this.averageDurationSeconds = averageOf(table.durationSumSeconds, table.flows);
    this.medianDurationSeconds = table.medianDurationSeconds;
    this.maxDurationSeconds = table.maxDurationSeconds;
    this.averagePackets = averageOf(table.packets, table.flows);
    this.maxPackets = table.maxPackets;
    this.averageBytes = averageOf(table.bytes, table.flows);
    this.maxBytes = table.maxBytes;
    this.byProtocol = countsOf(table.groups, FlowTableSummary.Group::protocol, true);
    this.byState = countsOf(table.groups, FlowTableSummary.Group::state, true);
    this.bySourceFile = table.perFile ? countsOf(table.groups, FlowTableSummary.Group::sourceFile, false) : Map.of();
    this.topByPackets = topOf(table.topByPackets);
    this.topByBytes = topOf(table.topByBytes);
  }

  /**
   * The statistics of {@code flows} (columns of the flow table, {@code source_file} optional): two Spark jobs,
   * see {@link FlowTableScan#statistics}.
   */
  public static FlowStatistics of(Dataset<Row> flows) {
    return of(FlowTableScan.statistics(flows));
  }

  /** The statistics of a table already scanned. */
  public static FlowStatistics of(FlowTableSummary table) {
    return new FlowStatistics(table);
  }

  /** Share of all flows in percent, 0 without flows. */
  public double percentOfFlows(long count) {
    return flows == 0 ? 0 : 100.0 * count / flows;
  }

  /** Flows by {@code key} of the groups: most flows first (ties by name), or by name. */
  private static Map<String, Long> countsOf(List<FlowTableSummary.Group> groups,
      Function<FlowTableSummary.Group, String> key, boolean mostFirst) {
    Map<String, Long> sums = new TreeMap<>();
    for (FlowTableSummary.Group g : groups) {
      sums.merge(key.apply(g), g.flows(), Long::sum);
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

  private static List<TopFlow> topOf(List<FlowTableSummary.RankedFlow> ranked) {
    List<TopFlow> top = new ArrayList<>();
    for (FlowTableSummary.RankedFlow r : ranked) {
      top.add(new TopFlow(r.flowId(), r.sourceFile(), r.packets(), r.bytes()));
    }
    return Collections.unmodifiableList(top);
  }

  /** As Spark's avg: the sum as a double over the count, 0 instead of null without flows. */
  private static double averageOf(double sum, long count) {
    return count == 0 ? 0 : sum / count;
  }
}
