package org.nexusflowmeter.flow;

/**
 * Turns the packets of one {@link FlowKey}, fed in time order (ties in file order), into flow rows.
 *
 * <p>A packet starts a new flow of the key when (flow spec section 2) it comes more than the idle timeout after
 * the flow's last packet, or more than the active timeout after its first, or, for TCP, when the flow has seen a
 * RST or a FIN from both sides and the packet has SYN set and ACK clear. Every other packet joins the live flow;
 * none is dropped. State is kept for the live flow only and nothing is allocated per packet.
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
  private final String sourceFile;
  private final boolean tcp;
  private final boolean logHeadForJoin;
  private FlowState live = new FlowState();
  private FlowPart head;
  private boolean hasLive;
  private int flowNumber;

  /** A whole-key pass: flows are numbered from 1 and no join log is kept. */
  public FlowAccumulator(FlowKey key, FlowTimeouts timeouts, String sourceFile) {
    this(key, timeouts, sourceFile, false);
  }

  /**
   * @param logHeadForJoin keep, for the key's first flow only, the log {@link FlowSeam#join} needs to append it
   *     to an earlier part of the same flow (use it when this pass covers a piece of the key's packets)
   */
  public FlowAccumulator(FlowKey key, FlowTimeouts timeouts, String sourceFile, boolean logHeadForJoin) {
    this.key = key;
    this.timeouts = timeouts;
    this.sourceFile = sourceFile;
    this.tcp = key.protocol == 6 && key.hasPorts();
    this.logHeadForJoin = logHeadForJoin;
  }

  /**
   * Adds the next packet of the key, first completing the live flow into {@code sink} when the packet starts a
   * new one.
   *
   * @throws IllegalArgumentException when the packet is not of this key or is earlier than the previous one
   */
  public void add(PacketView packet, FlowSink sink) {
    int side = key.senderSide(packet);
    if (!hasLive) {
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
      if (logHeadForJoin && flowNumber == 1) {
        // the head may continue a flow of the previous piece: hand it over whole, as a part, not as a row
        head = new FlowPart(key, live);
        live = new FlowState();
      } else {
        sink.accept(live.toRecord(key, flowNumber, sourceFile));
      }
      startFlow(packet, side);
    } else {
      live.add(packet, side);
    }
  }

  /** Completes the live flow, if any, into {@code sink}. The accumulator can then take a later packet again. */
  public void finish(FlowSink sink) {
    if (hasLive) {
      sink.accept(live.toRecord(key, flowNumber, sourceFile));
      hasLive = false;
    }
  }

  /**
   * For a pass over a piece of the key's packets: the piece's first flow, which may continue a flow of the
   * previous piece; null while that flow is still live (then {@link #finishAsPart} returns it).
   */
  public FlowPart headPart() {
    return head;
  }

  /**
   * Completes the live flow as a part instead of a row: it may continue into the next piece. Null when no
   * packet was added. The accumulator can then take a later packet again.
   */
  public FlowPart finishAsPart() {
    if (!hasLive) {
      return null;
    }
    hasLive = false;
    FlowPart tail = new FlowPart(key, live);
    live = new FlowState();
    return tail;
  }

  private void startFlow(PacketView packet, int side) {
    flowNumber++;
    live.start(packet, side, tcp, logHeadForJoin && flowNumber == 1);
    hasLive = true;
  }
}
