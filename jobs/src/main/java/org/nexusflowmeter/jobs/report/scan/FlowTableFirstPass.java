package org.nexusflowmeter.jobs.report.scan;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.jobs.flows.WrittenRowsFold;

/**
 * The reports' first pass over a flow table ({@link FlowFold}, the HTML page's numbers included) made by the
 * writer's tasks as they write the table: the reports then read the table once more at most
 * ({@link FlowTableScan#report(org.apache.spark.sql.Dataset, FlowTableFirstPass)}) instead of twice. The fold reads
 * the written rows' columns where they are, so the table must hold them with the flow table's own types.
 */
public final class FlowTableFirstPass implements WrittenRowsFold<FlowTableFirstPass> {
  private static final long serialVersionUID = 1L;

  final FlowFold fold;

  private FlowTableFirstPass(int[] at) {
    this.fold = new FlowFold(true, FlowTableScan.TOP_FLOWS, FlowTableScan.ADDRESSES_IN_MEMORY, at);
  }

  /**
   * Makes the empty first pass of each task writing {@code table}.
   *
   * @throws IllegalArgumentException when the table lacks a column the reports read, or holds it with another type
   */
  public static Function0<FlowTableFirstPass> of(StructType table) {
    List<String> names = Arrays.asList(table.fieldNames());
    int[] at = new int[FlowFold.COLUMNS.length];
    for (int i = 0; i < at.length; i++) {
      FoldColumn column = FlowFold.COLUMNS[i];
      at[i] = names.indexOf(column.name());
      if (at[i] < 0 && i == FlowFold.FILE) {
        continue;
      }
      if (at[i] < 0 || !table.fields()[at[i]].dataType().equals(column.kind().tableType)) {
        throw new IllegalArgumentException("the reports read " + column.name() + " as "
            + column.kind().tableType.simpleString() + "; the table " + (at[i] < 0 ? "has no such column"
            : "holds " + table.fields()[at[i]].dataType().simpleString()));
      }
    }
    return () -> new FlowTableFirstPass(at);
  }

  @Override
  public void add(InternalRow row) {
    fold.add(row);
  }

  @Override
  public FlowTableFirstPass merge(FlowTableFirstPass other) {
    fold.merge(other.fold);
    return this;
  }
}
