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
  private final Runnable release;

  FlowJobRun(Dataset<Row> flows, Map<String, PacketCounts> countsByFile,
      Map<String, Map<String, Long>> flowsByProtocolAndState, Runnable release) {
    this.flows = flows;
    this.countsByFile = Map.copyOf(countsByFile);
    this.flowsByProtocolAndState = Map.copyOf(flowsByProtocolAndState);
    this.release = release;
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

  /**
   * Deletes the flow table's kept rows from the executors' disks, once nothing will read the table again (a
   * later read would compute it again from the input). Deleted before the driver writes a large output, the
   * table's pages in the page cache are free for that output: on a virtual machine whose host takes back free
   * memory, writing into pages the guest has not used lately costs several times more kernel time.
   */
  public void release() {
    release.run();
  }
}
