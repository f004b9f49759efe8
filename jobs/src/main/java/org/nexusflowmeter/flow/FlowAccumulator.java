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
 * joined with the neighbouring pieces' flows ({@link FlowSeam}), for which its first flow keeps a join log.
 *
 * <p>Direction (section 3): the source is the sender of the first SYN without ACK; for a TCP flow that starts
 * with a SYN+ACK and has no such SYN, the receiver of that packet; otherwise the sender of the first packet.
 * TCP analysis (flags, counts, connection state) applies to TCP flows with ports; a portless TCP flow (made of
 * non-first fragments, which carry no TCP header) has null flags and state {@code Unknown}. See
 * {@link ZeekConnState} for how connection_state follows Zeek's conn_state.
 */
public final class FlowAccumulator {
  private final FlowKey key;
  private final FlowTimeouts timeouts;
  private final boolean tcp;
  private final boolean logHeadForJoin;
  private FlowState live;
  private boolean startedAny;

  /**
   * @param logHeadForJoin keep, for the first flow only, the log {@link FlowSeam#join} needs to append it to an
   *     earlier part of the same flow (use it when this pass covers a piece of the key's packets)
   */
  public FlowAccumulator(FlowKey key, FlowTimeouts timeouts, boolean logHeadForJoin) {
    this.key = key;
    this.timeouts = timeouts;
    this.tcp = key.protocol == 6 && key.hasPorts();
    this.logHeadForJoin = logHeadForJoin;
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
    int side = key.senderSide(packet);
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
      sink.accept(new FlowPart(key, live));
      startFlow(packet, side);
    } else {
      live.add(packet, side);
    }
  }

  /** Completes the live flow, if any, into {@code sink}. The accumulator can then take a later packet again. */
  public void finish(FlowPartSink sink) {
    if (live != null) {
      sink.accept(new FlowPart(key, live));
      live = null;
    }
  }

  private void startFlow(PacketView packet, int side) {
    live = new FlowState();
    live.start(packet, side, tcp, logHeadForJoin && !startedAny);
    startedAny = true;
  }
}
