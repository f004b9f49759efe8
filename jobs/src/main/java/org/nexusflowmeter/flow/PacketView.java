package org.nexusflowmeter.flow;

/**
 * The facts about one packet that the flow engine needs, held in primitives so that one instance is reused for
 * every packet (the engine keeps nothing of it after {@link FlowAccumulator#add} returns).
 *
 * <p>Addresses are kept as two longs (high and low 64 bits, big-endian, right-aligned for IPv4) plus their length,
 * which makes endpoint comparison a few long compares and never allocates.
 */
public final class PacketView {
  /** Protocol value for ARP frames; IP protocol numbers are 0-255, so this cannot collide with one. */
  public static final int PROTOCOL_ARP = 0x10806;
  /** Port value of a portless packet (ICMP, ARP, other IP protocols, non-first fragments). */
  public static final int NO_PORT = -1;
  /** TCP flags value of a packet that has no TCP header. */
  public static final int NO_TCP_FLAGS = -1;

  public long timestampNanos;
  /** Position in the input (file order), for the caller's tie-breaks; the engine only carries it along. */
  public long fileOrder;
  /** IP protocol number of the outermost IP header, or {@link #PROTOCOL_ARP}. */
  public int protocol;
  /** 4 or 16 for IP; the ARP protocol address length (at most 16) for ARP. */
  public int addressLength;
  public long srcAddrHigh;
  public long srcAddrLow;
  public long dstAddrHigh;
  public long dstAddrLow;
  /** 0-65535, or {@link #NO_PORT}. */
  public int srcPort;
  public int dstPort;
  /** Frame length on the wire (pcap orig_len, pcapng original length). */
  public long wireLength;
  /**
   * Transport payload by the flow spec's columns 18-20: TCP = IP payload - TCP header, UDP = UDP length - 8,
   * ICMP/ICMPv6 = IP payload - 8, other IP protocols and non-first fragments = IP payload, ARP = 0.
   */
  public long payloadLength;
  /** TCP flags byte (FIN = 0x01 ... CWR = 0x80), or {@link #NO_TCP_FLAGS} when the packet has no TCP header. */
  public int tcpFlags;
  /** True for an IP fragment with a non-zero offset: it carries no transport header and no ports. */
  public boolean nonFirstFragment;

  /**
   * Reads both addresses from {@code buf} (as they appear in an IP or ARP header) into the long fields.
   *
   * @throws IllegalArgumentException when the length is not 1-16 or an address does not lie inside {@code buf}
   */
  public void setAddresses(byte[] buf, int srcOffset, int dstOffset, int length) {
    if (length < 1 || length > 16) {
      throw new IllegalArgumentException("address length " + length + " is not 1-16");
    }
    if (srcOffset < 0 || dstOffset < 0 || srcOffset > buf.length - length || dstOffset > buf.length - length) {
      throw new IllegalArgumentException("address outside the buffer");
    }
    addressLength = length;
    srcAddrHigh = high(buf, srcOffset, length);
    srcAddrLow = low(buf, srcOffset, length);
    dstAddrHigh = high(buf, dstOffset, length);
    dstAddrLow = low(buf, dstOffset, length);
  }

  /**
   * Takes the two addresses as separate arrays of the same length.
   *
   * @throws IllegalArgumentException when the lengths differ or are not 1-16
   */
  public void setAddresses(byte[] src, byte[] dst) {
    int length = src.length;
    if (dst.length != length || length < 1 || length > 16) {
      throw new IllegalArgumentException("address lengths " + src.length + " and " + dst.length);
    }
    addressLength = length;
    srcAddrHigh = high(src, 0, length);
    srcAddrLow = low(src, 0, length);
    dstAddrHigh = high(dst, 0, length);
    dstAddrLow = low(dst, 0, length);
  }

  /** Whether this packet's source endpoint (address and port) equals the given one. */
  boolean sourceIs(long addrHigh, long addrLow, int port) {
    return srcAddrHigh == addrHigh && srcAddrLow == addrLow && srcPort == port;
  }

  /** Whether this packet's destination endpoint (address and port) equals the given one. */
  boolean destinationIs(long addrHigh, long addrLow, int port) {
    return dstAddrHigh == addrHigh && dstAddrLow == addrLow && dstPort == port;
  }

  // An address of n bytes is the big-endian number of its bytes: the last min(n, 8) bytes form the low long and
  // the bytes before them the high long.
  private static long high(byte[] buf, int offset, int length) {
    return bigEndian(buf, offset, Math.max(0, length - 8));
  }

  private static long low(byte[] buf, int offset, int length) {
    int lowBytes = Math.min(8, length);
    return bigEndian(buf, offset + length - lowBytes, lowBytes);
  }

  private static long bigEndian(byte[] buf, int offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 8) | (buf[offset + i] & 0xFF);
    }
    return value;
  }
}
