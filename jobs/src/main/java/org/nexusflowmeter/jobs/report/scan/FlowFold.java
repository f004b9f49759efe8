package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.stream.IntStream;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.jobs.report.html.LogBins;

/**
 * The summary pass's fold of one partition of the flow table (the columns {@link FlowTableScan} selects, in
 * the order of the constants below), mergeable with the folds of the other partitions. Everything in it is
 * bounded by distinct keys (protocol × state × file, bins, addresses up to a cap), never by the flows.
 */
final class FlowFold implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int PROTOCOL = 0;
  static final int STATE = 1;
  /** Null when the table has no source_file column. */
  static final int FILE = 2;
  static final int FLOW_ID = 3;
  static final int START_MICROS = 4;
  static final int DURATION = 5;
  static final int PACKETS = 6;
  static final int BYTES = 7;
  static final int BIDIRECTIONAL = 8;
  /** The HTML page's columns, only when the fold is for the page. */
  static final int END_MICROS = 9;
  static final int PAYLOAD = 10;
  static final int SOURCE_ADDRESS = 11;
  static final int DESTINATION_ADDRESS = 12;
  static final int FORWARD_BYTES = 13;
  static final int BACKWARD_BYTES = 14;

  /** The fold's columns by the constants above: the flow table's column, and what the fold reads of it. */
  static final FoldColumn[] COLUMNS = {
      new FoldColumn("protocol", FoldColumn.Kind.TEXT),
      new FoldColumn("connection_state", FoldColumn.Kind.TEXT),
      new FoldColumn("source_file", FoldColumn.Kind.TEXT),
      new FoldColumn("flow_id", FoldColumn.Kind.TEXT),
      new FoldColumn("start_time", FoldColumn.Kind.MICROS),
      new FoldColumn("duration_seconds", FoldColumn.Kind.SECONDS),
      new FoldColumn("total_packets", FoldColumn.Kind.COUNT),
      new FoldColumn("total_bytes", FoldColumn.Kind.COUNT),
      new FoldColumn("is_bidirectional", FoldColumn.Kind.FLAG),
      new FoldColumn("end_time", FoldColumn.Kind.MICROS),
      new FoldColumn("total_payload_bytes", FoldColumn.Kind.COUNT),
      new FoldColumn("src_ip", FoldColumn.Kind.TEXT),
      new FoldColumn("dst_ip", FoldColumn.Kind.TEXT),
      new FoldColumn("forward_bytes", FoldColumn.Kind.COUNT),
      new FoldColumn("backward_bytes", FoldColumn.Kind.COUNT)};
  /** How many of {@link #COLUMNS} the summary alone reads; the page's follow. */
  static final int SUMMARY_COLUMNS = END_MICROS;

  /** Bin slots: zero duration, then one per decade. */
  static final int DURATION_SLOTS = 1 + LogBins.MAX_DECADE - LogBins.MIN_DECADE + 1;

  private final boolean page;
  /** Where each of {@link #COLUMNS} is in the rows added; -1: not there (only the file may be missing). */
  private final int[] at;
  long flows;
  long packets;
  long bytes;
  long bidirectional;
  /**
   * The durations' sum in nanoseconds as two exact integer sums, of each duration's high and low 32 bits, so
   * that it comes out the same whatever order the partitions are merged in (a sum of doubles does not).
   */
  long durationNanosHigh;
  long durationNanosLow;
  double maxDuration;
  long maxPackets;
  long maxBytes;
  long payloadBytes;
  long firstMicros = Long.MAX_VALUE;
  long lastMicros = Long.MIN_VALUE;
  final long[] durationBins = new long[DURATION_SLOTS];
  final long[] sizeBins = new long[Long.SIZE];
  final GroupCounts groups = new GroupCounts();
  final TopFlows topByPackets;
  final TopFlows topByBytes;
  final AddressTotals addresses;
  final RankStep durations = MedianSearch.first();

  /** A fold of rows that hold {@link #COLUMNS} in that order (the summary's only, unless {@code page}). */
  FlowFold(boolean page, int topFlows, int addressLimit) {
    this(page, topFlows, addressLimit, IntStream.range(0, COLUMNS.length).toArray());
  }

  /** A fold of rows that hold column {@code i} of {@link #COLUMNS} at {@code at[i]}. */
  FlowFold(boolean page, int topFlows, int addressLimit, int[] at) {
    this.page = page;
    this.at = at;
    this.topByPackets = new TopFlows(topFlows);
    this.topByBytes = new TopFlows(topFlows);
    this.addresses = page ? new AddressTotals(addressLimit) : null;
  }

  void add(InternalRow row) {
    long flowPackets = row.getLong(at[PACKETS]);
    long flowBytes = row.getLong(at[BYTES]);
    double duration = row.getDouble(at[DURATION]);
    long start = row.getLong(at[START_MICROS]);
    UTF8String flowId = row.getUTF8String(at[FLOW_ID]);
    UTF8String file = at[FILE] < 0 || row.isNullAt(at[FILE]) ? null : row.getUTF8String(at[FILE]);
    maxDuration = flows == 0 || Double.compare(duration, maxDuration) > 0 ? duration : maxDuration;
    maxPackets = flows == 0 ? flowPackets : Math.max(maxPackets, flowPackets);
    maxBytes = flows == 0 ? flowBytes : Math.max(maxBytes, flowBytes);
    flows++;
    packets += flowPackets;
    bytes += flowBytes;
    // the column is whole nanoseconds / 1e9: times 1e9, rounded, they come back exactly (below 25 days)
    long nanos = Math.round(duration * 1e9);
    durationNanosHigh += nanos >> 32;
    durationNanosLow += nanos & 0xFFFFFFFFL;
    if (row.getBoolean(at[BIDIRECTIONAL])) {
      bidirectional++;
    }
    int decade = LogBins.durationDecade(duration);
    durationBins[decade == LogBins.ZERO_DURATION ? 0 : decade - LogBins.MIN_DECADE + 1]++;
    sizeBins[LogBins.sizeExponent(flowBytes)]++;
    groups.add(row.getUTF8String(at[PROTOCOL]), row.getUTF8String(at[STATE]), file, flowPackets, flowBytes);
    topByPackets.offer(flowPackets, start, flowId, file, flowPackets, flowBytes);
    topByBytes.offer(flowBytes, start, flowId, file, flowPackets, flowBytes);
    durations.add(duration);
    if (page) {
      payloadBytes += row.getLong(at[PAYLOAD]);
      firstMicros = Math.min(firstMicros, start);
      lastMicros = Math.max(lastMicros, row.getLong(at[END_MICROS]));
      long forward = row.getLong(at[FORWARD_BYTES]);
      long backward = row.getLong(at[BACKWARD_BYTES]);
      addresses.add(row.getUTF8String(at[SOURCE_ADDRESS]), forward, backward);
      addresses.add(row.getUTF8String(at[DESTINATION_ADDRESS]), backward, forward);
    }
  }

  FlowFold merge(FlowFold other) {
    if (other.flows > 0) {
      maxDuration = flows == 0 || Double.compare(other.maxDuration, maxDuration) > 0 ? other.maxDuration : maxDuration;
      maxPackets = flows == 0 ? other.maxPackets : Math.max(maxPackets, other.maxPackets);
      maxBytes = flows == 0 ? other.maxBytes : Math.max(maxBytes, other.maxBytes);
    }
    flows += other.flows;
    packets += other.packets;
    bytes += other.bytes;
    bidirectional += other.bidirectional;
    durationNanosHigh += other.durationNanosHigh;
    durationNanosLow += other.durationNanosLow;
    payloadBytes += other.payloadBytes;
    firstMicros = Math.min(firstMicros, other.firstMicros);
    lastMicros = Math.max(lastMicros, other.lastMicros);
    for (int i = 0; i < durationBins.length; i++) {
      durationBins[i] += other.durationBins[i];
    }
    for (int i = 0; i < sizeBins.length; i++) {
      sizeBins[i] += other.sizeBins[i];
    }
    groups.merge(other.groups);
    topByPackets.merge(other.topByPackets);
    topByBytes.merge(other.topByBytes);
    durations.merge(other.durations);
    if (page) {
      addresses.merge(other.addresses);
    }
    return this;
  }

  /** The duration decade of bin slot {@code slot}. */
  static int decadeOfSlot(int slot) {
    return slot == 0 ? LogBins.ZERO_DURATION : slot - 1 + LogBins.MIN_DECADE;
  }

  /** The durations' sum in seconds. */
  double durationSumSeconds() {
    return (durationNanosHigh * 4294967296.0 + durationNanosLow) / 1e9;
  }
}
