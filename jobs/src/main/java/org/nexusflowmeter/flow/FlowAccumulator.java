package org.nexusflowmeter.flow;

/**
 * Turns the packets of one {@link FlowKey}, fed in time order (ties in file order), into flows.
 *
 * <p>A packet starts a new flow of the key when (flow spec section 2) it comes more than the idle timeout after
 * the flow's last packet, or more than the active timeout after its first, or, for TCP, when the flow has seen a
 * RST or a FIN from both sides and the packet has SYN set and ACK clear. Every other packet joins the live flow;
 * none is dropped. State is kept for the live flow only and nothing is allocated per packet.
 *
 * <p>Completed flows leave as {@link FlowPart}s: a whole-key pass numbers them in order and turns each into a row
 * ({@link FlowPart#toRecord}); a pass over a piece of the key's packets (one input split, say) hands them on to be
 * joined with the neighbouring pieces' flows ({@link FlowSeam}), for which its first flow keeps a join log. A part
 * stays valid after the sink's call, except from the accumulators of a {@link SegmentFlowTable}, which recycles
 * the states.
 *
 * <p>Direction (section 3): the source is the sender of the first SYN without ACK; for a TCP flow that starts
 * with a SYN+ACK and has no such SYN, the receiver of that packet; otherwise the sender of the first packet.
 * TCP analysis (flags, counts, connection state) applies to TCP flows with ports; a portless TCP flow (made of
 * non-first fragments, which carry no TCP header) has null flags and state {@code Unknown}. See
 * {@link ZeekConnState} for how connection_state follows Zeek's conn_state.
 */
public sealed class FlowAccumulator permits SegmentFlowTable.Entry {
  /**
   * Where an owner that recycles flow states (a {@link SegmentFlowTable}) lends them from. A state goes back once
   * the sink's call with its part has returned, so such an accumulator's parts are valid only during that call.
   */
  interface StatePool {
    FlowState take();

    void giveBack(FlowState state);
  }

  private final FlowTimeouts timeouts;
  private final boolean logHeadForJoin;
  /** Null: every flow has a state of its own, and its part stays valid. */
  private final StatePool pool;
  private FlowKey key;
  private boolean tcp;
  private FlowState live;
  private boolean startedAny;

  /**
   * An accumulator whose parts stay valid after the sink's call.
   *
   * @param logHeadForJoin keep, for the first flow only, the log {@link FlowSeam#join} needs to append it to an
   *     earlier part of the same flow (use it when this pass covers a piece of the key's packets)
   */
  public FlowAccumulator(FlowKey key, FlowTimeouts timeouts, boolean logHeadForJoin) {
    this(key, timeouts, logHeadForJoin, null);
  }

  /** An accumulator whose flow states come from {@code pool} (null: one new state per flow). */
  FlowAccumulator(FlowKey key, FlowTimeouts timeouts, boolean logHeadForJoin, StatePool pool) {
    this.timeouts = timeouts;
    this.logHeadForJoin = logHeadForJoin;
    this.pool = pool;
    restart(key);
  }

  /**
   * Makes this an accumulator of {@code key} that has seen no packet, so that a recycling owner can reuse it for
   * another key.
   *
   * @throws IllegalStateException while a flow is live (it must be finished or dropped first)
   */
  void restart(FlowKey key) {
    if (live != null) {
      throw new IllegalStateException("a flow of " + this.key + " is still live");
    }
    this.key = key;
    this.tcp = key.protocol == 6 && key.hasPorts();
    this.startedAny = false;
  }

  /** The key whose packets this accumulator takes. */
  FlowKey key() {
    return key;
  }

  /** Time of the live flow's last packet; only while a packet was added since the last {@link #finish}. */
  public long lastNanos() {
    return live.lastNanos;
  }

  /**
   * Adds the next packet of the key, first completing the live flow into {@code sink} when the packet starts a
   * new one.
   *
   * @throws IllegalArgumentException when the packet is not of this key or is earlier than the previous one
   */
  public void add(PacketView packet, FlowPartSink sink) {
    add(packet, key.senderSide(packet), sink);
  }

  /** {@link #add(PacketView, FlowPartSink)} of a packet whose side of the key the caller has matched. */
  void add(PacketView packet, int side, FlowPartSink sink) {
    if (live == null) {
      startFlow(packet, side);
      return;
    }
    long now = packet.timestampNanos;
    if (now < live.lastNanos) {
      throw new IllegalArgumentException("packets must come in time order: " + now + " after " + live.lastNanos);
    }
    boolean idle = timeouts.idleExpired(live.lastNanos, now);
    boolean active = timeouts.activeExpired(live.firstNanos, now);
    boolean reopened = tcp && live.closedForTcp() && packet.tcpFlags != PacketView.NO_TCP_FLAGS
        && (packet.tcpFlags & (FlowState.SYN | FlowState.ACK)) == FlowState.SYN;
    if (idle || active || reopened) {
      complete(sink);
      startFlow(packet, side);
    } else {
      live.add(packet, side);
    }
  }

  /** Completes the live flow, if any, into {@code sink}. The accumulator can then take a later packet again. */
  public void finish(FlowPartSink sink) {
    if (live != null) {
      complete(sink);
    }
  }

  /** Forgets the live flow, if any, without completing it (its key's packets are to be taken another way). */
  void drop() {
    if (live != null && pool != null) {
      pool.giveBack(live);
    }
    live = null;
  }

  private void complete(FlowPartSink sink) {
    FlowState done = live;
    live = null;
    sink.accept(new FlowPart(key, done));
    if (pool != null) {
      pool.giveBack(done);
    }
  }

  private void startFlow(PacketView packet, int side) {
    live = pool == null ? new FlowState() : pool.take();
    live.start(packet, side, tcp, logHeadForJoin && !startedAny);
    startedAny = true;
  }
}
