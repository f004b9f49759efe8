package org.nexusflowmeter.flow;

import java.nio.ByteBuffer;

/**
 * The canonical key of a flow: protocol plus the unordered pair of endpoints {(address, port), (address, port)}.
 * The endpoints are stored in a fixed order (side 0 = the smaller by unsigned address, then port) so that both
 * directions of a conversation give equal keys. Sides are a storage order only; which side is the flow's source
 * is decided per flow by the initiator rule.
 */
public final class FlowKey {
  /** The longest byte form ({@link #toBytes}): 16-byte addresses. */
  public static final int MAX_BYTES = 5 + 2 * (16 + 4);
  public final int protocol;
  public final int addressLength;
  final long addrHigh0;
  final long addrLow0;
  final int port0;
  final long addrHigh1;
  final long addrLow1;
  final int port1;

  private FlowKey(int protocol, int addressLength, long addrHigh0, long addrLow0, int port0, long addrHigh1,
      long addrLow1, int port1) {
    this.protocol = protocol;
    this.addressLength = addressLength;
    this.addrHigh0 = addrHigh0;
    this.addrLow0 = addrLow0;
    this.port0 = port0;
    this.addrHigh1 = addrHigh1;
    this.addrLow1 = addrLow1;
    this.port1 = port1;
  }

  /** The key of the flow the packet belongs to. */
  public static FlowKey of(PacketView packet) {
    if (compareEndpoints(packet.srcAddrHigh, packet.srcAddrLow, packet.srcPort, packet.dstAddrHigh,
        packet.dstAddrLow, packet.dstPort) <= 0) {
      return new FlowKey(packet.protocol, packet.addressLength, packet.srcAddrHigh, packet.srcAddrLow, packet.srcPort,
          packet.dstAddrHigh, packet.dstAddrLow, packet.dstPort);
    }
    return new FlowKey(packet.protocol, packet.addressLength, packet.dstAddrHigh, packet.dstAddrLow, packet.dstPort,
        packet.srcAddrHigh, packet.srcAddrLow, packet.srcPort);
  }

  /**
   * The side (0 or 1) that sent the packet.
   *
   * @throws IllegalArgumentException when the packet does not belong to this key
   */
  public int senderSide(PacketView packet) {
    int side = sideOf(packet);
    if (side < 0) {
      throw new IllegalArgumentException("packet endpoints are not those of " + this);
    }
    return side;
  }

  /** The side (0 or 1) that sent the packet, or -1 when the packet is not of this key. */
  int sideOf(PacketView packet) {
    return sideOf(packet, protocol, addressLength, addrHigh0, addrLow0, port0, addrHigh1, addrLow1, port1);
  }

  /**
   * {@link #sideOf(PacketView)} of the key with these fields: for a holder that keeps a copy of them beside its
   * other hot fields, so that matching a packet does not read one more object.
   */
  static int sideOf(PacketView packet, int protocol, int addressLength, long addrHigh0, long addrLow0, int port0,
      long addrHigh1, long addrLow1, int port1) {
    if (packet.protocol != protocol || packet.addressLength != addressLength) {
      return -1;
    }
    if (packet.sourceIs(addrHigh0, addrLow0, port0) && packet.destinationIs(addrHigh1, addrLow1, port1)) {
      return 0;
    }
    if (packet.sourceIs(addrHigh1, addrLow1, port1) && packet.destinationIs(addrHigh0, addrLow0, port0)) {
      return 1;
    }
    return -1;
  }

  /** {@code FlowKey.of(packet).hashCode()}, without making the key. */
  static int hashOf(PacketView p) {
    boolean srcFirst = compareEndpoints(p.srcAddrHigh, p.srcAddrLow, p.srcPort, p.dstAddrHigh, p.dstAddrLow,
        p.dstPort) <= 0;
    return srcFirst
        ? hash(p.protocol, p.addressLength, p.srcAddrHigh, p.srcAddrLow, p.srcPort, p.dstAddrHigh, p.dstAddrLow,
            p.dstPort)
        : hash(p.protocol, p.addressLength, p.dstAddrHigh, p.dstAddrLow, p.dstPort, p.srcAddrHigh, p.srcAddrLow,
            p.srcPort);
  }

  public boolean hasPorts() {
    return port0 != PacketView.NO_PORT;
  }

  /** Port of a side, or {@link PacketView#NO_PORT}. */
  public int port(int side) {
    return side == 0 ? port0 : port1;
  }

  /**
   * Canonical text of a side's address, the same text as the packet table's (dotted quad, RFC 5952 IPv6);
   * hex bytes for the other lengths an ARP packet may declare ({@link FlowTexts}).
   */
  public String addressText(int side) {
    return new FlowTexts().set(this, side, 1).srcIp();
  }

  /** The protocol's display name (column 6). */
  public String protocolName() {
    return ProtocolNames.of(protocol);
  }

  /**
   * A byte form that is equal for equal keys and differs otherwise, for use as a grouping key: protocol (4 bytes),
   * address length (1), then per side the address (address length bytes) and port (4 bytes, -1 when portless).
   */
  public byte[] toBytes() {
    byte[] bytes = new byte[5 + 2 * (addressLength + 4)];
    writeBytes(bytes);
    return bytes;
  }

  /**
   * Writes {@link #toBytes}'s bytes at out[0] and returns their count; out must hold {@link #MAX_BYTES}. For a
   * caller that copies them on (into a row), so that a key costs no array of its own.
   */
  public int writeBytes(byte[] out) {
    int at = putInt(out, 0, protocol);
    out[at++] = (byte) addressLength;
    at = putAddress(out, at, addrHigh0, addrLow0);
    at = putInt(out, at, port0);
    at = putAddress(out, at, addrHigh1, addrLow1);
    return putInt(out, at, port1);
  }

  private static int putInt(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 24);
    out[at + 1] = (byte) (value >>> 16);
    out[at + 2] = (byte) (value >>> 8);
    out[at + 3] = (byte) value;
    return at + 4;
  }

  /**
   * The key {@link #toBytes} wrote.
   *
   * @throws IllegalArgumentException when {@code bytes} is not a key's byte form
   */
  public static FlowKey fromBytes(byte[] bytes) {
    if (bytes.length < 5) {
      throw new IllegalArgumentException("a flow key needs at least 5 bytes, got " + bytes.length);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int protocol = in.getInt();
    int addressLength = in.get();
    if (addressLength < 1 || addressLength > 16 || bytes.length != 5 + 2 * (addressLength + 4)) {
      throw new IllegalArgumentException("not a flow key: address length " + addressLength + " in "
          + bytes.length + " bytes");
    }
    long high0 = getAddress(in, addressLength, true);
    long low0 = getAddress(in, addressLength, false);
    int port0 = in.getInt();
    long high1 = getAddress(in, addressLength, true);
    long low1 = getAddress(in, addressLength, false);
    int port1 = in.getInt();
    return new FlowKey(protocol, addressLength, high0, low0, port0, high1, low1, port1);
  }

  /**
   * One half of the address at the buffer's position: the high long (bytes before the last 8) or the low long
   * (the last up to 8); reading the low half moves past the address.
   */
  private static long getAddress(ByteBuffer in, int length, boolean high) {
    int start = in.position();
    int highBytes = Math.max(0, length - 8);
    long value = 0;
    int from = high ? 0 : highBytes;
    int to = high ? highBytes : length;
    for (int i = from; i < to; i++) {
      value = (value << 8) | (in.get(start + i) & 0xFF);
    }
    if (!high) {
      in.position(start + length);
    }
    return value;
  }

  /** The address's bytes (the low {@code addressLength} of high and low), most significant first. */
  private int putAddress(byte[] out, int at, long high, long low) {
    for (int i = addressLength - 1; i >= 0; i--) {
      long word = i >= 8 ? high : low;
      out[at++] = (byte) (word >>> (8 * (i % 8)));
    }
    return at;
  }

  /**
   * Readable canonical text, the protocol number and the flow id with side 0 first, e.g.
   * {@code 17 10.0.0.5:1000 <-> 10.0.0.10:53 (UDP)}; equal exactly for equal keys.
   */
  @Override
  public String toString() {
    return protocol + " " + new FlowTexts().set(this, 0, 1).flowId();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof FlowKey)) {
      return false;
    }
    FlowKey that = (FlowKey) other;
    return protocol == that.protocol && addressLength == that.addressLength && addrHigh0 == that.addrHigh0
        && addrLow0 == that.addrLow0 && port0 == that.port0 && addrHigh1 == that.addrHigh1
        && addrLow1 == that.addrLow1 && port1 == that.port1;
  }

  @Override
  public int hashCode() {
    return hash(protocol, addressLength, addrHigh0, addrLow0, port0, addrHigh1, addrLow1, port1);
  }

  private static int hash(int protocol, int addressLength, long addrHigh0, long addrLow0, int port0,
      long addrHigh1, long addrLow1, int port1) {
    long h = protocol * 31L + addressLength;
    h = h * 31 + addrHigh0;
    h = h * 31 + addrLow0;
    h = h * 31 + port0;
    h = h * 31 + addrHigh1;
    h = h * 31 + addrLow1;
    h = h * 31 + port1;
    // spread the high bits too: a table indexes by the low bits
    return Long.hashCode(h * 0x9E3779B97F4A7C15L);
  }

  private static int compareEndpoints(long high0, long low0, int port0, long high1, long low1, int port1) {
    int byHigh = Long.compareUnsigned(high0, high1);
    if (byHigh != 0) {
      return byHigh;
    }
    int byLow = Long.compareUnsigned(low0, low1);
    return byLow != 0 ? byLow : Integer.compare(port0, port1);
  }
}
