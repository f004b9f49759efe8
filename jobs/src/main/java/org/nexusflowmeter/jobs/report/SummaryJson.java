package org.nexusflowmeter.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;

/** The text report's numbers as JSON, plus the run summary of the flow contract (spec section 5). */
public final class SummaryJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SummaryJson() {}

  public static String render(RunFacts facts, FlowStatistics stats, FlowRunSummary run) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("source", facts.source);
    root.put("analysis_time", facts.analysisTime.toString());
    root.put("processing_seconds", facts.processingSeconds);
    root.put("protocol_filter", facts.protocolFilter);
    root.put("max_flows", facts.maxFlows == 0 ? null : facts.maxFlows);
    root.put("files_found", facts.filesFound);
    root.put("files_failed", facts.failures);
    root.put("outputs", facts.outputs);
    root.put("spark_master", facts.sparkMaster);
    root.put("split_bytes", facts.splitBytes);
    root.put("flows", flows(stats));
    root.put("run", run(run));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary not serialisable", e);
    }
  }

  private static Map<String, Object> flows(FlowStatistics stats) {
    Map<String, Object> flows = new LinkedHashMap<>();
    flows.put("total", stats.flows);
    flows.put("packets", stats.packets);
    flows.put("bytes", stats.bytes);
    flows.put("by_protocol", stats.byProtocol);
    flows.put("by_connection_state", stats.byState);
    if (!stats.bySourceFile.isEmpty()) {
      flows.put("by_source_file", stats.bySourceFile);
    }
    Map<String, Object> duration = new LinkedHashMap<>();
    duration.put("average", stats.averageDurationSeconds);
    duration.put("median", stats.medianDurationSeconds);
    duration.put("max", stats.maxDurationSeconds);
    flows.put("duration_seconds", duration);
    Map<String, Object> size = new LinkedHashMap<>();
    size.put("average_packets", stats.averagePackets);
    size.put("average_bytes", stats.averageBytes);
    size.put("max_packets", stats.maxPackets);
    size.put("max_bytes", stats.maxBytes);
    flows.put("size", size);
    flows.put("bidirectional", stats.bidirectional);
    flows.put("unidirectional", stats.flows - stats.bidirectional);
    flows.put("top_by_packets", top(stats.topByPackets));
    flows.put("top_by_bytes", top(stats.topByBytes));
    return flows;
  }

  private static List<Map<String, Object>> top(List<FlowStatistics.TopFlow> flows) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (FlowStatistics.TopFlow flow : flows) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("flow_id", flow.flowId);
      if (flow.sourceFile != null) {
        entry.put("source_file", flow.sourceFile);
      }
      entry.put("packets", flow.packets);
      entry.put("bytes", flow.bytes);
      list.add(entry);
    }
    return list;
  }

  private static Map<String, Object> run(FlowRunSummary run) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("files", run.files);
    summary.put("packets", run.packets);
    summary.put("bytes", run.wireBytes);
    summary.put("flow_packets", run.flowPackets);
    summary.put("non_ip_frames", run.nonIpFrames);
    summary.put("malformed", run.malformed);
    summary.put("untimed", run.untimed);
    summary.put("unkeyed", run.unkeyed);
    summary.put("first_malformed", run.firstErrors);
    summary.put("flows_before_selection", run.flows);
    return summary;
  }
}
