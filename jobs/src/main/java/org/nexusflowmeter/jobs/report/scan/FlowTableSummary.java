package org.nexusflowmeter.jobs.report.scan;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * Every number the reports show about a flow table, from {@link FlowTableScan}: what the text report and summary
 * JSON need ({@code FlowStatistics}) and, when scanned for it, what the HTML page needs. Small by construction:
 * the sizes of its lists are the distinct groups, the top lists' lengths and the bins.
 */
public final class FlowTableSummary {
  /** Flows, packets and bytes of one (protocol, connection state, source file); file null without the column. */
  public record Group(String protocol, String state, String sourceFile, long flows, long packets, long bytes) {}

  /** One of the top flows; sourceFile null unless the table keeps files apart. */
  public record RankedFlow(String flowId, String sourceFile, long packets, long bytes) {}

  /** An address with the bytes it sent and received over all its flows. */
  public record AddressBytes(String address, long sentBytes, long receivedBytes) {}

  /**
   * Packets and bytes per time bucket; bucket i covers [originMicros + i·bucketMicros, + bucketMicros). Values
   * are fractional: each flow's packets and bytes are spread evenly over its lifetime.
   */
  public record Timeline(long originMicros, long bucketMicros, double[] packets, double[] bytes) {}

  public final long flows;
  public final long packets;
  public final long bytes;
  public final long bidirectional;
  /** Zero when there are no flows, as the maxima and the median. */
  public final double durationSumSeconds;
  public final double maxDurationSeconds;
  /** Exactly what Spark SQL's {@code median} gives. */
  public final double medianDurationSeconds;
  public final long maxPackets;
  public final long maxBytes;
  /** Whether the table has a source_file column. */
  public final boolean perFile;
  /** In no particular order. */
  public final List<Group> groups;
  /** Most packets first, ties by earlier start, flow id, source file. */
  public final List<RankedFlow> topByPackets;
  /** Most bytes first, same ties. */
  public final List<RankedFlow> topByBytes;
  /** Flows per duration decade (LogBins.durationDecade), in bin order, only bins with flows. */
  public final SortedMap<Integer, Long> durationBins;
  /** Flows per size exponent (LogBins.sizeExponent), in bin order, only bins with flows. */
  public final SortedMap<Integer, Long> sizeBins;

  /** The page's numbers: the fields below are 0, empty or null unless the table was scanned for the page. */
  public final boolean forPage;
  public final long payloadBytes;
  /** First packet's start and last packet's end, epoch µs; meaningless without flows. */
  public final long firstMicros;
  public final long lastMicros;
  /** Distinct addresses, as source or destination. */
  public final long hosts;
  /** Most bytes sent and received first, ties by address. */
  public final List<AddressBytes> talkers;
  /** Null without flows. */
  public final Timeline timeline;

  FlowTableSummary(FlowFold fold, boolean perFile, double median, SortedMap<Integer, Long> durationBins,
      SortedMap<Integer, Long> sizeBins, boolean forPage, long hosts, List<AddressBytes> talkers,
      Timeline timeline) {
    boolean any = fold.flows > 0;
    this.flows = fold.flows;
    this.packets = fold.packets;
    this.bytes = fold.bytes;
    this.bidirectional = fold.bidirectional;
    this.durationSumSeconds = fold.durationSumSeconds();
    this.maxDurationSeconds = any ? fold.maxDuration : 0;
    this.medianDurationSeconds = median;
    this.maxPackets = any ? fold.maxPackets : 0;
    this.maxBytes = any ? fold.maxBytes : 0;
    this.perFile = perFile;
    this.groups = List.copyOf(fold.groups.groups());
    this.topByPackets = List.copyOf(fold.topByPackets.flows());
    this.topByBytes = List.copyOf(fold.topByBytes.flows());
    this.durationBins = Collections.unmodifiableSortedMap(durationBins);
    this.sizeBins = Collections.unmodifiableSortedMap(sizeBins);
    this.forPage = forPage;
    this.payloadBytes = fold.payloadBytes;
    this.firstMicros = any && forPage ? fold.firstMicros : 0;
    this.lastMicros = any && forPage ? fold.lastMicros : 0;
    this.hosts = hosts;
    this.talkers = List.copyOf(talkers);
    this.timeline = timeline;
  }
}
