package org.nexusflowmeter.flow;

/**
 * The running accumulation of one flow: counters per side (side = {@link FlowKey} storage order, so nothing needs
 * the initiator until the row is built), the first packets' facts that decide the initiator, the TCP close state
 * that decides where the next flow starts, and Zeek's endpoint machines for both possible originators.
 *
 * <p>A flow can be accumulated in parts (for example per input split) and the parts joined with
 * {@link FlowSeam#join}; a part that may continue an earlier one records a compact log of its state-relevant TCP
 * packets ({@link #recordControlLog}) so that the join can replay them onto the earlier part's Zeek state.
 */
final class FlowState {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int ACK = 0x10;
  private static final int MAX_CONTROL_LOG = 256;
  private static final int LOG_PAYLOAD = 0x08;
  private static final int LOG_SIDE_1 = 0x80;

  // Per side counters as plain fields, not arrays: a packet then touches this object alone (and, for TCP, the two
  // Zeek machines), one cache miss fewer per array in a table of many live flows.
  long packets0;
  long packets1;
  long bytes0;
  long bytes1;
  long payload0;
  long payload1;
  long firstNanos;
  long lastNanos;
  /** {@link PacketView#fileOrder} of the first and the last packet: where the flow lies in its input. */
  long firstOrder;
  long lastOrder;
  long minSize;
  long maxSize;
  /** -1 while the flow has a single packet. */
  long minGapNanos;
  long maxGapNanos;
  boolean tcp;
  int flagsSeen;
  long synCount;
  long finCount;
  long rstCount;
  long ackCount;
  int firstSide;
  boolean firstIsSynAck;
  boolean firstIsPureSyn;
  /** Sender of the first SYN without ACK, or -1. */
  int firstPureSynSide;
  boolean rstSeen;
  /** Bit s set: side s sent a FIN. */
  int fins;
  /** Zeek state with side 0 as originator. */
  final ZeekConnState connOrig0 = new ZeekConnState();
  /** Zeek state with side 1 as originator. */
  final ZeekConnState connOrig1 = new ZeekConnState();

  // For joining this part after an earlier one (see FlowSeam).
  boolean recordControlLog;
  byte[] controlLog;
  int controlLogLength;
  boolean controlLogOverflow;
  /** Bit m set: a SYN without ACK (not the first packet) came while this part's FINs were mask m (bit s = side s). */
  int pureSynFinMasks;
  /** Bit s set: side s sent a control flag or payload (see {@link #logControl}). */
  private int surelyActive;
  /** Bit s set: side s's first pure ACK is logged. */
  private int pureAckLogged;

  /**
   * Starts the flow with its first packet. Every field is set here, not only in the initialisers: a recycled state
   * ({@link SegmentFlowTable}) must carry nothing over from its previous flow. The control log's array is kept.
   */
  void start(PacketView packet, int side, boolean analyseTcp, boolean logControl) {
    tcp = analyseTcp;
    recordControlLog = logControl && analyseTcp;
    packets0 = packets1 = 0;
    bytes0 = bytes1 = 0;
    payload0 = payload1 = 0;
    firstNanos = packet.timestampNanos;
    firstOrder = packet.fileOrder;
    lastNanos = packet.timestampNanos;
    minSize = Long.MAX_VALUE;
    maxSize = Long.MIN_VALUE;
    minGapNanos = -1;
    maxGapNanos = -1;
    flagsSeen = 0;
    synCount = finCount = rstCount = ackCount = 0;
    firstSide = side;
    // a TCP header cut by the snaplen has no flags: it is neither a SYN nor a SYN+ACK
    int flags = tcp && packet.tcpFlags != PacketView.NO_TCP_FLAGS ? packet.tcpFlags & 0xFF : 0;
    firstIsSynAck = tcp && (flags & (SYN | ACK)) == (SYN | ACK);
    firstIsPureSyn = tcp && (flags & (SYN | ACK)) == SYN;
    firstPureSynSide = -1;
    rstSeen = false;
    fins = 0;
    connOrig0.clear();
    connOrig1.clear();
    controlLogLength = 0;
    controlLogOverflow = false;
    pureSynFinMasks = 0;
    surelyActive = 0;
    pureAckLogged = 0;
    add(packet, side);
  }

  /** Adds a packet of this flow; packets come in time order. */
  void add(PacketView packet, int side) {
    long now = packet.timestampNanos;
    if (packets0 + packets1 > 0) {
      long gap = now - lastNanos;
      minGapNanos = minGapNanos < 0 ? gap : Math.min(minGapNanos, gap);
      maxGapNanos = Math.max(maxGapNanos, gap);
    }
    lastNanos = now;
    lastOrder = packet.fileOrder;
    if (side == 0) {
      packets0++;
      bytes0 += packet.wireLength;
      payload0 += packet.payloadLength;
    } else {
      packets1++;
      bytes1 += packet.wireLength;
      payload1 += packet.payloadLength;
    }
    minSize = Math.min(minSize, packet.wireLength);
    maxSize = Math.max(maxSize, packet.wireLength);
    if (tcp && packet.tcpFlags != PacketView.NO_TCP_FLAGS) {
      addTcp(packet.tcpFlags & 0xFF, side, packet.payloadLength > 0);
    }
  }

  private void addTcp(int flags, int side, boolean hasPayload) {
    boolean syn = (flags & SYN) != 0;
    boolean pureSyn = syn && (flags & ACK) == 0;
    if (pureSyn && packets0 + packets1 > 1) {
      pureSynFinMasks |= 1 << fins;
    }
    flagsSeen |= flags;
    synCount += syn ? 1 : 0;
    finCount += flags & FIN;
    rstCount += (flags & RST) >> 2;
    ackCount += (flags & ACK) >> 4;
    if (pureSyn && firstPureSynSide < 0) {
      firstPureSynSide = side;
    }
    rstSeen |= (flags & RST) != 0;
    fins |= (flags & FIN) << side;
    connOrig0.onPacket(side == 0, flags, hasPayload);
    connOrig1.onPacket(side == 1, flags, hasPayload);
    if (recordControlLog) {
      logControl(flags, side, hasPayload);
    }
  }

  /**
   * Logs the packets that can change Zeek's state when this part is replayed after an unknown earlier state:
   * every SYN/FIN/RST packet; any packet from a side that might still be INACTIVE (until it sent a control flag
   * or payload, which always leaves INACTIVE, and nothing returns to it), which includes the flow's first
   * history letter, since no side has sent control or payload before it; and each side's first pure ACK (the
   * RSTOS0 pattern). Every other packet is a no-op for the machines. A repeat of the
   * previous logged code is dropped: applying the same packet twice in a row changes nothing more.
   */
  private void logControl(int flags, int side, boolean hasPayload) {
    boolean control = (flags & (SYN | FIN | RST)) != 0;
    boolean ack = (flags & ACK) != 0;
    boolean pureAck = !control && !hasPayload && ack;
    int sideBit = 1 << side;
    boolean relevant = control || (surelyActive & sideBit) == 0 || (pureAck && (pureAckLogged & sideBit) == 0);
    if (control || hasPayload) {
      surelyActive |= sideBit;
    }
    if (pureAck) {
      pureAckLogged |= sideBit;
    }
    if (!relevant) {
      return;
    }
    byte code = (byte) ((flags & (FIN | SYN | RST | ACK)) | (hasPayload ? LOG_PAYLOAD : 0)
        | (side == 1 ? LOG_SIDE_1 : 0));
    if (controlLogLength > 0 && controlLog[controlLogLength - 1] == code) {
      return;
    }
    appendLog(code);
  }

  private void appendLog(byte code) {
    if (controlLogLength == MAX_CONTROL_LOG) {
      controlLogOverflow = true;
      return;
    }
    if (controlLog == null || controlLogLength == controlLog.length) {
      byte[] grown = new byte[controlLog == null ? 16 : Math.min(MAX_CONTROL_LOG, controlLog.length * 2)];
      if (controlLog != null) {
        System.arraycopy(controlLog, 0, grown, 0, controlLogLength);
      }
      controlLog = grown;
    }
    controlLog[controlLogLength++] = code;
  }

  /** TCP: a RST, or a FIN from both sides, was seen; the next SYN without ACK starts a new flow. */
  boolean closedForTcp() {
    return rstSeen || fins == 3;
  }

  /** Whether side {@code side} sent a FIN. */
  boolean finSeen(int side) {
    return (fins >> side & 1) != 0;
  }

  long packetCount() {
    return packets0 + packets1;
  }

  long packets(int side) {
    return side == 0 ? packets0 : packets1;
  }

  long bytes(int side) {
    return side == 0 ? bytes0 : bytes1;
  }

  long payload(int side) {
    return side == 0 ? payload0 : payload1;
  }

  /** Sets side {@code side}'s counters. */
  void setCounts(int side, long packets, long bytes, long payload) {
    if (side == 0) {
      packets0 = packets;
      bytes0 = bytes;
      payload0 = payload;
    } else {
      packets1 = packets;
      bytes1 = bytes;
      payload1 = payload;
    }
  }

  /** The Zeek machine with side {@code side} as originator. */
  ZeekConnState connWithOrigSide(int side) {
    return side == 0 ? connOrig0 : connOrig1;
  }

  /** The flow spec's initiator (section 3): the side that becomes src. */
  int initiatorSide() {
    if (tcp) {
      if (firstPureSynSide >= 0) {
        return firstPureSynSide;
      }
      if (firstIsSynAck) {
        return 1 - firstSide;
      }
    }
    return firstSide;
  }

  /**
   * Appends a later part of the same flow (no flow boundary between or inside, as {@link FlowSeam} checked):
   * counters add up, the seam gap joins the inter-arrival times, and the later part's control log is replayed
   * onto both Zeek machines. The result takes no more packets; it can only absorb further parts.
   */
  void absorb(FlowState later) {
    long gap = later.firstNanos - lastNanos;
    minGapNanos = minGapNanos < 0 ? gap : Math.min(minGapNanos, gap);
    maxGapNanos = Math.max(maxGapNanos, gap);
    if (later.minGapNanos >= 0) {
      minGapNanos = Math.min(minGapNanos, later.minGapNanos);
      maxGapNanos = Math.max(maxGapNanos, later.maxGapNanos);
    }
    lastNanos = later.lastNanos;
    lastOrder = later.lastOrder;
    packets0 += later.packets0;
    packets1 += later.packets1;
    bytes0 += later.bytes0;
    bytes1 += later.bytes1;
    payload0 += later.payload0;
    payload1 += later.payload1;
    minSize = Math.min(minSize, later.minSize);
    maxSize = Math.max(maxSize, later.maxSize);
    flagsSeen |= later.flagsSeen;
    synCount += later.synCount;
    finCount += later.finCount;
    rstCount += later.rstCount;
    ackCount += later.ackCount;
    if (firstPureSynSide < 0) {
      firstPureSynSide = later.firstPureSynSide;
    }
    int earlierFins = fins;
    for (int mask = 0; mask < 3; mask++) {
      if ((later.pureSynFinMasks & (1 << mask)) != 0) {
        pureSynFinMasks |= 1 << (mask | earlierFins);
      }
    }
    if (later.firstIsPureSyn) {
      pureSynFinMasks |= 1 << earlierFins;
    }
    rstSeen |= later.rstSeen;
    fins |= later.fins;
    for (int i = 0; i < later.controlLogLength; i++) {
      int code = later.controlLog[i];
      int side = (code & LOG_SIDE_1) != 0 ? 1 : 0;
      int flags = code & (FIN | SYN | RST | ACK);
      boolean hasPayload = (code & LOG_PAYLOAD) != 0;
      connOrig0.onPacket(side == 0, flags, hasPayload);
      connOrig1.onPacket(side == 1, flags, hasPayload);
      if (recordControlLog) {
        appendLog((byte) code);
      }
    }
    controlLogOverflow |= later.controlLogOverflow;
    for (int orig = 0; orig < 2; orig++) {
      connWithOrigSide(orig).origSentData |= later.connWithOrigSide(orig).origSentData;
      connWithOrigSide(orig).respSentData |= later.connWithOrigSide(orig).respSentData;
    }
  }

  /** The row of this flow; {@code flowNumber} is 1 for the key's first flow in start order, 2 for the next, ... */
  FlowRecord toRecord(FlowKey key, int flowNumber, String sourceFile) {
    int src = initiatorSide();
    int dst = 1 - src;
    FlowRecord row = new FlowRecord();
    row.key = key;
    row.srcSide = src;
    row.srcPort = key.hasPorts() ? key.port(src) : null;
    row.dstPort = key.hasPorts() ? key.port(dst) : null;
    row.protocol = key.protocolName();
    row.setFlowNumber(flowNumber);
    row.startTimeNanos = firstNanos;
    row.endTimeNanos = lastNanos;
    long durationNanos = lastNanos - firstNanos;
    row.durationSeconds = durationNanos / 1e9;
    long total = packetCount();
    row.totalPackets = total;
    long forwardPackets = packets(src);
    long backwardPackets = packets(dst);
    row.forwardPackets = forwardPackets;
    row.backwardPackets = backwardPackets;
    row.bidirectional = forwardPackets > 0 && backwardPackets > 0;
    row.forwardBackwardRatio = backwardPackets > 0 ? (double) forwardPackets / backwardPackets : null;
    row.totalBytes = bytes0 + bytes1;
    row.forwardBytes = bytes(src);
    row.backwardBytes = bytes(dst);
    row.totalPayloadBytes = payload0 + payload1;
    row.forwardPayloadBytes = payload(src);
    row.backwardPayloadBytes = payload(dst);
    row.packetsPerSecond = durationNanos > 0 ? total / row.durationSeconds : null;
    row.bytesPerSecond = durationNanos > 0 ? row.totalBytes / row.durationSeconds : null;
    row.minPacketSize = minSize;
    row.maxPacketSize = maxSize;
    row.avgPacketSize = (double) row.totalBytes / total;
    if (total > 1) {
      row.avgInterArrivalMs = durationNanos / 1e6 / (total - 1);
      row.minInterArrivalMs = minGapNanos / 1e6;
      row.maxInterArrivalMs = maxGapNanos / 1e6;
    }
    if (tcp) {
      row.tcpFlags = TcpFlagNames.of(flagsSeen);
      row.zeekConnState = connWithOrigSide(src).zeekCode();
      row.connectionState = ZeekConnState.displayName(row.zeekConnState);
    } else {
      row.connectionState = "Unknown";
    }
    row.synCount = synCount;
    row.finCount = finCount;
    row.rstCount = rstCount;
    row.ackCount = ackCount;
    row.sourceFile = sourceFile;
    return row;
  }
}
