package org.nexusflowmeter.jobs.cli;

import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.jobs.flows.FlowSortOrder;

/**
 * Which flows go out and in what order. {@code --max-flows N} keeps the N flows with the most packets over the
 * whole table (never per split or file), ties by earlier start, then flow id, then source file; the output is
 * sorted by total_bytes descending with the same tie-breaks, so the same input always gives the same file.
 */
final class FlowOrdering {
  private FlowOrdering() {}

  static Dataset<Row> select(Dataset<Row> flows, ProtocolSelection protocols, long maxFlows) {
    Dataset<Row> selected = protocols.selectsAll() ? flows : flows.where(protocols.condition());
    if (maxFlows > 0) {
      selected = selected.orderBy(by(flows, "total_packets").columns())
          .limit((int) Math.min(maxFlows, Integer.MAX_VALUE));
    }
    return selected;
  }

  /** The output's order. */
  static FlowSortOrder outputOrder(Dataset<Row> flows) {
    return by(flows, "total_bytes");
  }

  /** The flows in the output's order, as one Spark query (for a preview). */
  static Dataset<Row> inOutputOrder(Dataset<Row> flows) {
    return flows.orderBy(outputOrder(flows).columns());
  }

  private static FlowSortOrder by(Dataset<Row> flows, String largestFirst) {
    FlowSortOrder order = FlowSortOrder.descendingBy(largestFirst).thenAscending("start_time")
        .thenAscending("flow_id");
    return Arrays.asList(flows.columns()).contains("source_file") ? order.thenAscending("source_file") : order;
  }
}
