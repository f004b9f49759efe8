package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run read and made (a first part of flow spec section 5): files, packets and bytes read, the records
 * that make no flow by reason, the first few malformed records, what each file gave, and flows by protocol and by
 * connection state.
 */
public final class FlowRunSummary {
  private static final int ERRORS_KEPT = 5;

  /** What one input file gave. */
  public static final class FileCounts {
    public final String path;
    public final long records;
    public final long wireBytes;
    public final long malformed;
    public final long flowPackets;
    /** The parse_error of the file's first malformed record, or null. */
    public final String firstError;

    FileCounts(Row row) {
      this.path = row.getString(0);
      this.records = row.getLong(1);
      this.wireBytes = row.isNullAt(2) ? 0 : row.getLong(2);
      this.malformed = row.getLong(3);
      this.flowPackets = row.getLong(7);
      this.firstError = row.isNullAt(8) ? null : row.getString(8);
    }

    /** Nothing but malformed records: not a capture, or a capture whose every record is damaged. */
    public boolean unreadable() {
      return records > 0 && malformed == records;
    }
  }

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
  /** Per file that had at least one record, by path. */
  public final List<FileCounts> perFile;
  public final Map<String, Long> flowsByProtocol;
  public final Map<String, Long> flowsByState;

  private FlowRunSummary(List<Row> fileRows, List<String> firstErrors, Map<String, Long> flowsByProtocol,
      Map<String, Long> flowsByState) {
    long[] totals = new long[8];
    List<FileCounts> files = new ArrayList<>();
    for (Row r : fileRows) {
      for (int i = 1; i < totals.length; i++) {
        totals[i] += r.isNullAt(i) ? 0 : r.getLong(i);
      }
      files.add(new FileCounts(r));
    }
    this.files = fileRows.size();
    this.packets = totals[1];
    this.wireBytes = totals[2];
    this.malformed = totals[3];
    this.untimed = totals[4];
    this.nonIpFrames = totals[5];
    this.unkeyed = totals[6];
    this.flowPackets = totals[7];
    this.perFile = Collections.unmodifiableList(files);
    this.firstErrors = List.copyOf(firstErrors);
    this.flowsByProtocol = Collections.unmodifiableMap(new TreeMap<>(flowsByProtocol));
    this.flowsByState = Collections.unmodifiableMap(new TreeMap<>(flowsByState));
    this.flows = flowsByProtocol.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Counts over {@code packets} (one scan) and over {@code flows} (the job's output; it is computed again). */
  public static FlowRunSummary of(Dataset<Row> packets, Dataset<Row> flows) {
    List<Row> fileRows = packets
        .select(col("file_path"), col("file_offset"), col("original_length"), col("parse_error"),
            FlowPackets.CATEGORY.as("category"))
        .groupBy("file_path")
        .agg(count(lit(1)), sum(col("original_length")), countOf(FlowPackets.MALFORMED),
            countOf(FlowPackets.UNTIMED), countOf(FlowPackets.NON_IP), countOf(FlowPackets.UNKEYED),
            countOf(FlowPackets.FLOW),
            min_by(col("parse_error"), when(col("parse_error").isNotNull(), col("file_offset"))))
        .orderBy("file_path")
        .collectAsList();
    List<String> errors = new ArrayList<>();
    boolean anyMalformed = fileRows.stream().anyMatch(r -> r.getLong(3) > 0);
    if (anyMalformed) {
      for (Row r : packets.where(col("parse_error").isNotNull())
          .select("file_path", "file_offset", "parse_error").orderBy("file_path", "file_offset")
          .limit(ERRORS_KEPT).collectAsList()) {
        errors.add(r.getString(0) + "@" + r.getLong(1) + ": " + r.getString(2));
      }
    }
    List<Row> groups = flows.groupBy("protocol", "connection_state").count().collectAsList();
    return new FlowRunSummary(fileRows, errors, sumBy(groups, 0), sumBy(groups, 1));
  }

  /** The files that gave nothing but malformed records. */
  public List<FileCounts> unreadableFiles() {
    return perFile.stream().filter(FileCounts::unreadable).collect(Collectors.toList());
  }

  private static Column countOf(String category) {
    return coalesce(sum(when(col("category").equalTo(category), 1L).otherwise(0L)), lit(0L));
  }

  /** Flows by field {@code key} of (protocol, connection_state, count) rows. */
  private static Map<String, Long> sumBy(List<Row> groups, int key) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : groups) {
      counts.merge(r.getString(key), r.getLong(2), Long::sum);
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
    text.append(String.format("flows %d by protocol %s by state %s%n", flows, flowsByProtocol, flowsByState));
    for (String error : firstErrors) {
      text.append("  ").append(error).append(System.lineSeparator());
    }
    return text.toString();
  }
}
