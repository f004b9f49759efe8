package org.nexusflowmeter.jobs.flows;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link FlowJob#run} made: the flow table, what each input file gave and how many flows of each protocol
 * and state, counted in the same pass.
 */
public final class FlowJobRun {
  private final Dataset<Row> flows;
  private final Map<String, PacketCounts> countsByFile;
  private final Map<String, Map<String, Long>> flowsByProtocolAndState;

  FlowJobRun(Dataset<Row> flows, Map<String, PacketCounts> countsByFile,
      Map<String, Map<String, Long>> flowsByProtocolAndState) {
    this.flows = flows;
    this.countsByFile = Map.copyOf(countsByFile);
    this.flowsByProtocolAndState = Map.copyOf(flowsByProtocolAndState);
  }

  public Dataset<Row> flows() {
    return flows;
  }

  /** Per input file that had at least one record, by path (as the {@code file_path} column gives it). */
  public Map<String, PacketCounts> countsByFile() {
    return countsByFile;
  }

  /** The number of flows in the table by protocol, then connection state, counted as the flows were made. */
  public Map<String, Map<String, Long>> flowsByProtocolAndState() {
    return flowsByProtocolAndState;
  }
}
