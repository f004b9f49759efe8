package org.nexusflowmeter.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
      selected = selected.orderBy(by(flows, "total_packets")).limit((int) Math.min(maxFlows, Integer.MAX_VALUE));
    }
    return selected;
  }

  static Dataset<Row> outputOrder(Dataset<Row> flows) {
    return flows.orderBy(by(flows, "total_bytes"));
  }

  private static Column[] by(Dataset<Row> flows, String largestFirst) {
    List<Column> order = new ArrayList<>(List.of(desc(largestFirst), col("start_time"), col("flow_id")));
    if (Arrays.asList(flows.columns()).contains("source_file")) {
      order.add(col("source_file"));
    }
    return order.toArray(new Column[0]);
  }
}
