package org.nexusflowmeter.flow;

import java.util.ArrayDeque;

/**
 * The spare flow states and entries of {@link SegmentFlowTable}s, which may outlive a table: a table reuses what
 * the tables before it on the same thread left, so that the flow objects of each task need not be made anew.
 * A task's flows live for seconds, longer than a young collection, so each task's were promoted and died in the
 * old generation: its high-water mark, so peak memory, grew with the number of tasks, that is with the input.
 * Kept from task to task, one set per thread is promoted once.
 *
 * <p>Not thread-safe: one thread's tables only. Tables using the same spares at once would only share what they
 * keep. Entries are bound to the timeouts they were made with, so a table takes spares of its own timeouts only
 * ({@link #fits}).
 */
public final class SegmentFlowSpares implements FlowAccumulator.StatePool {
  final FlowTimeouts timeouts;
  final ArrayDeque<FlowState> states = new ArrayDeque<>();
  final ArrayDeque<SegmentFlowTable.Entry> entries = new ArrayDeque<>();
  /** How many spares of each kind are worth keeping: set by the table using them from its live flows. */
  int wanted = SegmentFlowTable.MIN_SPARES;

  public SegmentFlowSpares(FlowTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  /** Whether a table of {@code other} timeouts can take these spares. */
  public boolean fits(FlowTimeouts other) {
    return other.idleNanos == timeouts.idleNanos && other.activeNanos == timeouts.activeNanos;
  }

  /** Lets go of spares beyond {@code max} of each kind (the most recently kept stay). */
  public void trimTo(int max) {
    while (states.size() > max) {
      states.pollFirst();
    }
    while (entries.size() > max) {
      entries.pollFirst();
    }
  }

  /** Flow states kept for reuse. */
  public int stateCount() {
    return states.size();
  }

  /** Entries kept for reuse. */
  public int entryCount() {
    return entries.size();
  }

  @Override
  public FlowState take() {
    FlowState state = states.pollLast();
    return state != null ? state : new FlowState();
  }

  @Override
  public void giveBack(FlowState state) {
    if (states.size() < wanted) {
      states.addLast(state);
    }
  }
}
