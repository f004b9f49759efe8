package org.nexusflowmeter.jobs.flows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic little-endian nanosecond pcap files (link type Ethernet) of hand-built frames, for the job
 * tests: the connector's own test utility lives in its test sources, which jobs cannot see. Checksums are left
 * zero: neither the decoder nor tshark's flow counts look at them.
 */
final class CaptureWriter {
  private static final int MAGIC_NANOSECONDS = 0xa1b23c4d;
  private static final int LINKTYPE_ETHERNET = 1;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int records;

  CaptureWriter() {
    ByteBuffer header = le(24);
    header.putInt(MAGIC_NANOSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
        .putInt(65535).putInt(LINKTYPE_ETHERNET);
    out.writeBytes(header.array());
  }

  /** Adds a record holding the whole frame (captured length = original length). */
  CaptureWriter add(long epochNanos, byte[] frame) {
    ByteBuffer record = le(16);
    record.putInt((int) (epochNanos / 1_000_000_000L)).putInt((int) (epochNanos % 1_000_000_000L))
        .putInt(frame.length).putInt(frame.length);
    out.writeBytes(record.array());
    out.writeBytes(frame);
    records++;
    return this;
  }

  int records() {
    return records;
  }

  void write(Path file) throws IOException {
    Files.write(file, out.toByteArray());
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  // ---- frames ----

  static final int TCP = 6;
  static final int UDP = 17;
  static final int ICMP = 1;
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  /** Ethernet + IPv4 + TCP (20-byte header) with {@code payload} bytes of data. */
  static byte[] tcp4(String src, int srcPort, String dst, int dstPort, int flags, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(20 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 65535);
    return ipv4(src, dst, TCP, l4.array());
  }

  /** Ethernet + IPv4 + UDP with {@code payload} bytes of data. */
  static byte[] udp4(String src, int srcPort, String dst, int dstPort, int payload) {
    return ipv4(src, dst, UDP, udp(srcPort, dstPort, payload));
  }

  /** Ethernet + IPv4 + ICMP echo request with {@code payload} bytes of data. */
  static byte[] icmp4(String src, String dst, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload);
    l4.put((byte) 8);
    return ipv4(src, dst, ICMP, l4.array());
  }

  /** Ethernet + IPv6 + UDP with {@code payload} bytes of data. */
  static byte[] udp6(String src, int srcPort, String dst, int dstPort, int payload) {
    byte[] l4 = udp(srcPort, dstPort, payload);
    ByteBuffer ip = ByteBuffer.allocate(40 + l4.length);
    ip.putInt(0x60000000).putShort((short) l4.length).put((byte) UDP).put((byte) 64)
        .put(address(src, 16)).put(address(dst, 16)).put(l4);
    return ethernet(0x86dd, ip.array());
  }

  /** Ethernet ARP request from {@code sender} for {@code target}. */
  static byte[] arp(String sender, String target) {
    ByteBuffer arp = ByteBuffer.allocate(28);
    arp.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
        .put(new byte[] {2, 0, 0, 0, 0, 1}).put(address(sender, 4)).put(new byte[6]).put(address(target, 4));
    return ethernet(0x0806, arp.array());
  }

  /** An LLDP frame: not IP, not ARP. */
  static byte[] lldp() {
    return ethernet(0x88cc, new byte[46]);
  }

  private static byte[] udp(int srcPort, int dstPort, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload));
    return l4.array();
  }

  private static byte[] ipv4(String src, String dst, int protocol, byte[] l4) {
    ByteBuffer ip = ByteBuffer.allocate(20 + l4.length);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 1).putShort((short) 0)
        .put((byte) 64).put((byte) protocol).putShort((short) 0).put(address(src, 4)).put(address(dst, 4)).put(l4);
    return ethernet(0x0800, ip.array());
  }

  private static byte[] ethernet(int etherType, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
    frame.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) etherType)
        .put(payload);
    return frame.array();
  }

  private static byte[] address(String literal, int length) {
    try {
      byte[] bytes = java.net.InetAddress.getByName(literal).getAddress();
      if (bytes.length != length) {
        throw new IllegalArgumentException(literal + " is not " + length + " bytes");
      }
      return bytes;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
