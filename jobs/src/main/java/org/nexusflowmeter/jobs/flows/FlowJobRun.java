package org.nexusflowmeter.jobs.flows;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What {@link FlowJob#run} made: the flow table, and what each input file gave, counted in the same pass. */
public final class FlowJobRun {
  private final Dataset<Row> flows;
  private final Map<String, PacketCounts> countsByFile;

  FlowJobRun(Dataset<Row> flows, Map<String, PacketCounts> countsByFile) {
    this.flows = flows;
    this.countsByFile = Map.copyOf(countsByFile);
  }

  public Dataset<Row> flows() {
    return flows;
  }

  /** Per input file that had at least one record, by path (as the {@code file_path} column gives it). */
  public Map<String, PacketCounts> countsByFile() {
    return countsByFile;
  }
}
