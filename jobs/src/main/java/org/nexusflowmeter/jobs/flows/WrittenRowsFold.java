package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * A fold of the rows a writer's tasks write ({@link FlowWriter}): each task folds the rows it writes into a fold
 * of its own, and the driver merges the tasks' folds. A pass over the written table that costs no read of its
 * own (the reports' first pass over the command's output, say).
 */
public interface WrittenRowsFold<F extends WrittenRowsFold<F>> extends Serializable {
  /** Adds a row of the written table (Spark's internal row; valid only during the call). */
  void add(InternalRow row);

  /** This fold with {@code other}'s rows added; may return this. */
  F merge(F other);
}
