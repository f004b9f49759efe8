package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run read and made (a first part of flow spec section 5): files, packets and bytes read, the records
 * that make no flow by reason, the first few malformed records, and flows by protocol and by connection state.
 */
public final class FlowRunSummary {
  private static final int ERRORS_KEPT = 5;

  public final long files;
  public final long packets;
  public final long wireBytes;
  /** Records with a parse_error. */
  public final long malformed;
  /** Records without a timestamp (pcapng simple packet blocks). */
  public final long untimed;
  /** Frames that are neither IP nor ARP (LLDP, STP, ...). */
  public final long nonIpFrames;
  /** IP or ARP frames without both addresses (header cut by the snaplen, ARP not IPv4 over Ethernet). */
  public final long unkeyed;
  /** Records that made flows. */
  public final long flowPackets;
  public final long flows;
  /** "file_path@file_offset: parse_error" of the first few malformed records, in file order. */
  public final List<String> firstErrors;
  public final Map<String, Long> flowsByProtocol;
  public final Map<String, Long> flowsByState;

  private FlowRunSummary(Row packetCounts, List<String> firstErrors, Map<String, Long> flowsByProtocol,
      Map<String, Long> flowsByState) {
    this.files = packetCounts.getLong(0);
    this.packets = packetCounts.getLong(1);
    this.wireBytes = packetCounts.isNullAt(2) ? 0 : packetCounts.getLong(2);
    this.malformed = packetCounts.getLong(3);
    this.untimed = packetCounts.getLong(4);
    this.nonIpFrames = packetCounts.getLong(5);
    this.unkeyed = packetCounts.getLong(6);
    this.flowPackets = packetCounts.getLong(7);
    this.firstErrors = List.copyOf(firstErrors);
    this.flowsByProtocol = Map.copyOf(flowsByProtocol);
    this.flowsByState = Map.copyOf(flowsByState);
    this.flows = flowsByProtocol.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts over {@code packets} (one scan) and over {@code flows} (the job's output; it is computed again). */
  public static FlowRunSummary of(Dataset<Row> packets, Dataset<Row> flows) {
    Row counts = packets.select(col("file_path"), col("original_length"), FlowPackets.CATEGORY.as("category"))
        .agg(countDistinct(col("file_path")), count(lit(1)), sum(col("original_length")),
            countOf(FlowPackets.MALFORMED), countOf(FlowPackets.UNTIMED), countOf(FlowPackets.NON_IP),
            countOf(FlowPackets.UNKEYED), countOf(FlowPackets.FLOW))
        .first();
    List<String> errors = new ArrayList<>();
    for (Row r : packets.where(col("parse_error").isNotNull())
        .select("file_path", "file_offset", "parse_error").orderBy("file_path", "file_offset")
        .limit(ERRORS_KEPT).collectAsList()) {
      errors.add(r.getString(0) + "@" + r.getLong(1) + ": " + r.getString(2));
    }
    return new FlowRunSummary(counts, errors, countBy(flows, "protocol"), countBy(flows, "connection_state"));
  }

  private static org.apache.spark.sql.Column countOf(String category) {
    return coalesce(sum(when(col("category").equalTo(category), 1L).otherwise(0L)), lit(0L));
  }

  private static Map<String, Long> countBy(Dataset<Row> flows, String column) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : flows.groupBy(column).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /** A few lines for a log or the console. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("files %d, packets %d, bytes on the wire %d%n", files, packets, wireBytes));
    text.append(String.format("flow packets %d, malformed %d, untimed %d, non_ip_frames %d, unkeyed %d%n",
        flowPackets, malformed, untimed, nonIpFrames, unkeyed));
    text.append(String.format("flows %d by protocol %s by state %s%n", flows, new TreeMap<>(flowsByProtocol),
        new TreeMap<>(flowsByState)));
    for (String error : firstErrors) {
      text.append("  ").append(error).append(System.lineSeparator());
    }
    return text.toString();
  }
}
