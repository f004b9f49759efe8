package org.nexusflowmeter.flow;

/**
 * One flow, or the piece of one flow that a pass over part of its key's packets saw (for example the flows that
 * touch an input split's edges). Parts of the same flow are joined with {@link FlowSeam#join}.
 */
public final class FlowPart {
  final FlowKey key;
  final FlowState state;

  FlowPart(FlowKey key, FlowState state) {
    this.key = key;
    this.state = state;
  }

  public FlowKey key() {
    return key;
  }

  public long firstNanos() {
    return state.firstNanos;
  }

  public long lastNanos() {
    return state.lastNanos;
  }

  /** The row of this flow; {@code flowNumber} is its 1-based position among the key's flows in start order. */
  public FlowRecord toRecord(int flowNumber, String sourceFile) {
    return state.toRecord(key, flowNumber, sourceFile);
  }
}
