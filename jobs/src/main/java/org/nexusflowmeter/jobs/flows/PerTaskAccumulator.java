package org.nexusflowmeter.jobs.flows;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;

/**
 * Collects one value per task, keyed by the task's place in the job. A task's value replaces any earlier one of
 * the same task, so a task that runs again (a retry, a speculative copy, a lost stage recomputed) is counted
 * once.
 */
abstract class PerTaskAccumulator<T> extends AccumulatorV2<T, Map<Long, T>> {
  private static final long serialVersionUID = 1L;

  private final HashMap<Long, T> byTask = new HashMap<>();

  /** The task {@code value} is of. */
  protected abstract long taskOf(T value);

  /** An empty accumulator of the same kind. */
  protected abstract PerTaskAccumulator<T> empty();

  @Override
  public final boolean isZero() {
    return byTask.isEmpty();
  }

  @Override
  public final PerTaskAccumulator<T> copy() {
    PerTaskAccumulator<T> copy = empty();
    copy.byTask.putAll(byTask);
    return copy;
  }

  @Override
  public final void reset() {
    byTask.clear();
  }

  @Override
  public final void add(T value) {
    byTask.put(taskOf(value), value);
  }

  @Override
  public final void merge(AccumulatorV2<T, Map<Long, T>> other) {
    byTask.putAll(other.value());
  }

  @Override
  public final Map<Long, T> value() {
    return byTask;
  }
}
