package org.nexusflowmeter.flow;

/**
 * One flow, or the piece of one flow that a pass over part of its key's packets saw (for example the flows that
 * touch an input split's edges). Parts of the same flow are joined with {@link FlowSeam#join}; {@link #toBytes}
 * and {@link #fromBytes} carry a part across a shuffle.
 *
 * <p>A part from a {@link SegmentFlowTable} is valid only during the {@link SegmentFlowTable.Output#flow} call that
 * hands it over (its state is then reused); {@code fromBytes(key(), toBytes())} is a copy that stays.
 */
public final class FlowPart {
  final FlowKey key;
  final FlowState state;

  FlowPart(FlowKey key, FlowState state) {
    this.key = key;
    this.state = state;
  }

  /** The part {@link #toBytes} wrote for {@code key}. */
  public static FlowPart fromBytes(FlowKey key, byte[] bytes) {
    return new FlowPart(key, FlowStateCodec.decode(bytes));
  }

  /** Everything the part's row and its joins need, without the key (see {@link FlowKey#toBytes}). */
  public byte[] toBytes() {
    return FlowStateCodec.encode(state);
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

  /** {@link PacketView#fileOrder} of the first packet. */
  public long firstOrder() {
    return state.firstOrder;
  }

  /** {@link PacketView#fileOrder} of the last packet. */
  public long lastOrder() {
    return state.lastOrder;
  }

  /** The row of this flow; {@code flowNumber} is its 1-based position among the key's flows in start order. */
  public FlowRecord toRecord(int flowNumber, String sourceFile) {
    return state.toRecord(key, flowNumber, sourceFile);
  }
}
