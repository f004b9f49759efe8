package org.nexusflowmeter.jobs.report;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;

/**
 * The original tool's plain-text report ({@code PCAP Flow Analysis Report}): source, timing, totals, protocol
 * distribution, duration and size statistics, top flows, bidirectional share; plus what the run read (packets,
 * bytes, non-IP frames, malformed records) and, for a batch, its files.
 */
public final class TextReport {
  private static final String RULE = "=".repeat(50);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

  private TextReport() {}

  public static String render(RunFacts facts, FlowStatistics stats, FlowRunSummary run) {
    StringBuilder out = new StringBuilder();
    line(out, "PCAP Flow Analysis Report");
    line(out, RULE);
    line(out, "Source: %s", facts.source);
    line(out, "Analysis time: %s", TIME.format(facts.analysisTime));
    line(out, "Processing duration: %.2f seconds (Spark %s, splits of at most %d bytes)", facts.processingSeconds,
        facts.sparkMaster, facts.splitBytes);
    line(out, "Total flows analyzed: %d", stats.flows);
    if (facts.protocolFilter != null) {
      line(out, "Protocol filter applied: %s", facts.protocolFilter);
    }
    if (facts.maxFlows > 0) {
      line(out, "Flow limit applied: the %d flows with the most packets", facts.maxFlows);
    }
    if (facts.filesFound > 1 || !facts.failures.isEmpty()) {
      line(out, "");
      line(out, "Files:");
      line(out, "  Found: %d", facts.filesFound);
      line(out, "  Processed: %d", facts.filesFound - facts.failures.size());
      line(out, "  Failed to process: %d", facts.failures.size());
      for (String failure : facts.failures) {
        line(out, "    %s", failure);
      }
    }
    line(out, "");
    line(out, "Protocol Distribution:");
    for (Map.Entry<String, Long> e : stats.byProtocol.entrySet()) {
      line(out, "  %s: %d (%.1f%%)", e.getKey(), e.getValue(), stats.percentOfFlows(e.getValue()));
    }
    line(out, "");
    line(out, "Flow Duration Statistics:");
    line(out, "  Average: %.2f seconds", stats.averageDurationSeconds);
    line(out, "  Median: %.2f seconds", stats.medianDurationSeconds);
    line(out, "  Max: %.2f seconds", stats.maxDurationSeconds);
    line(out, "");
    line(out, "Flow Size Statistics:");
    line(out, "  Avg packets/flow: %.2f", stats.averagePackets);
    line(out, "  Avg bytes/flow: %.2f", stats.averageBytes);
    line(out, "  Max packets/flow: %d", stats.maxPackets);
    line(out, "  Max bytes/flow: %d", stats.maxBytes);
    line(out, "");
    line(out, "Top %d Flows by Packet Count:", FlowStatistics.TOP_FLOWS);
    int rank = 1;
    for (FlowStatistics.TopFlow top : stats.topByPackets) {
      line(out, "  %d. %s%s: %d packets", rank++, top.flowId,
          top.sourceFile == null ? "" : " [" + top.sourceFile + "]", top.packets);
    }
    line(out, "");
    line(out, "Flow Characteristics:");
    line(out, "  Bidirectional flows: %d (%.1f%%)", stats.bidirectional, stats.percentOfFlows(stats.bidirectional));
    long unidirectional = stats.flows - stats.bidirectional;
    line(out, "  Unidirectional flows: %d (%.1f%%)", unidirectional, stats.percentOfFlows(unidirectional));
    line(out, "");
    line(out, "Connection States:");
    for (Map.Entry<String, Long> e : stats.byState.entrySet()) {
      line(out, "  %s: %d (%.1f%%)", e.getKey(), e.getValue(), stats.percentOfFlows(e.getValue()));
    }
    if (!stats.bySourceFile.isEmpty()) {
      line(out, "");
      line(out, "Flows per Source File:");
      for (Map.Entry<String, Long> e : stats.bySourceFile.entrySet()) {
        line(out, "  %s: %d", e.getKey(), e.getValue());
      }
    }
    line(out, "");
    line(out, "Capture Contents:");
    line(out, "  Packets read: %d", run.packets);
    line(out, "  Bytes on the wire: %d", run.wireBytes);
    line(out, "  Packets in flows: %d", run.flowPackets);
    line(out, "  Non-IP frames: %d", run.nonIpFrames);
    line(out, "  Malformed records: %d", run.malformed);
    for (String error : run.firstErrors) {
      line(out, "    %s", error);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
