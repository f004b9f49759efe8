package org.nexusflowmeter.jobs.flows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * Hand-built Ethernet frames for the jobs module's tests, and the capture they go into (the connector's
 * {@link CaptureFileWriter}). Checksums are left zero: neither the decoder nor tshark's flow counts look at them.
 * Frame sizes, for working out byte columns by hand: Ethernet 14 (+4 per VLAN tag), IPv4 20, IPv6 40, TCP 20,
 * UDP 8, ICMP 8, ARP 28.
 */
public final class Frames {
  private Frames() {}

  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int ICMPV6 = 58;
  public static final int UDP = 17;
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  private static final int LINKTYPE_ETHERNET = 1;
  private static final int ETH_IPV4 = 0x0800;
  private static final int ETH_ARP = 0x0806;
  private static final int ETH_VLAN = 0x8100;
  private static final int ETH_IPV6 = 0x86dd;
  private static final int ETH_LLDP = 0x88cc;
  private static final int ETH_HEADER = 14;
  private static final int IPV4_HEADER = 20;
  private static final int IPV4_MORE_FRAGMENTS = 0x2000;
  private static final int ICMP_ECHO_REQUEST = 8;
  private static final int ICMPV6_ECHO_REQUEST = 128;
  private static final int ICMP_ECHO_REPLY = 0;
  private static final int ICMP_UNREACHABLE = 3;
  private static final int ICMP_PORT_UNREACHABLE = 3;
  private static final int ARP_REQUEST = 1;
  private static final int ARP_REPLY = 2;

  /** An empty classic pcap (little-endian, nanosecond timestamps, link type Ethernet) to add frames to. */
  public static CaptureFileWriter.Pcap capture() {
    return CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, LINKTYPE_ETHERNET);
  }

  /** Ethernet + IPv4 + TCP (20-byte header) with {@code payload} bytes of data. */
  public static byte[] tcp4(String src, int srcPort, String dst, int dstPort, int flags, int payload) {
    return ipv4(src, dst, TCP, tcp(srcPort, dstPort, flags, payload));
  }

  /** Ethernet + IPv6 + TCP (20-byte header) with {@code payload} bytes of data. */
  public static byte[] tcp6(String src, int srcPort, String dst, int dstPort, int flags, int payload) {
    return ipv6(src, dst, TCP, tcp(srcPort, dstPort, flags, payload));
  }

  /** Ethernet + IPv4 + UDP with {@code payload} bytes of data. */
  public static byte[] udp4(String src, int srcPort, String dst, int dstPort, int payload) {
    return ipv4(src, dst, UDP, udp(srcPort, dstPort, payload));
  }

  /** Ethernet + IPv6 + UDP with {@code payload} bytes of data. */
  public static byte[] udp6(String src, int srcPort, String dst, int dstPort, int payload) {
    return ipv6(src, dst, UDP, udp(srcPort, dstPort, payload));
  }

  /** Ethernet + IPv6 + ICMPv6 echo request with {@code payload} bytes of data. */
  public static byte[] icmp6(String src, String dst, int payload) {
    return ipv6(src, dst, ICMPV6, icmp(ICMPV6_ECHO_REQUEST, 0, new byte[payload]));
  }

  /** Ethernet + IPv4 + ICMP echo request with {@code payload} bytes of data. */
  public static byte[] icmp4(String src, String dst, int payload) {
    return ipv4(src, dst, ICMP, icmp(ICMP_ECHO_REQUEST, 0, new byte[payload]));
  }

  /** Ethernet + IPv4 + ICMP echo reply with {@code payload} bytes of data. */
  public static byte[] icmp4Reply(String src, String dst, int payload) {
    return ipv4(src, dst, ICMP, icmp(ICMP_ECHO_REPLY, 0, new byte[payload]));
  }

  /**
   * Ethernet + IPv4 + ICMP port unreachable quoting the IPv4 header and first 8 bytes of {@code offending}
   * (an Ethernet + IPv4 frame): 28 bytes of ICMP payload.
   */
  public static byte[] icmp4PortUnreachable(String src, String dst, byte[] offending) {
    byte[] quoted = Arrays.copyOfRange(offending, ETH_HEADER, ETH_HEADER + IPV4_HEADER + 8);
    return ipv4(src, dst, ICMP, icmp(ICMP_UNREACHABLE, ICMP_PORT_UNREACHABLE, quoted));
  }

  /**
   * Ethernet + one IPv4 fragment of a datagram with IP identification {@code id}: {@code data} is the part of
   * the IP payload at byte {@code offset} (a multiple of 8), {@code more} sets the more-fragments flag.
   */
  public static byte[] ipv4Fragment(String src, String dst, int protocol, int id, int offset, boolean more, byte[] data) {
    if (offset % 8 != 0) {
      throw new IllegalArgumentException("fragment offset " + offset + " is not a multiple of 8");
    }
    int flagsAndOffset = (more ? IPV4_MORE_FRAGMENTS : 0) | offset / 8;
    return ethernet(ETH_IPV4, ipv4Packet(src, dst, protocol, id, flagsAndOffset, data));
  }

  /** A UDP header claiming {@code payload} bytes of data, followed by the first {@code carried} of them. */
  public static byte[] udpHeaderAndData(int srcPort, int dstPort, int payload, int carried) {
    return Arrays.copyOf(udp(srcPort, dstPort, payload), 8 + carried);
  }

  /** Ethernet ARP request from {@code sender} for {@code target}. */
  public static byte[] arp(String sender, String target) {
    return arp(ARP_REQUEST, sender, target);
  }

  /** Ethernet ARP reply from {@code sender} (the address asked for) to {@code target} (the asker). */
  public static byte[] arpReply(String sender, String target) {
    return arp(ARP_REPLY, sender, target);
  }

  /** An LLDP frame: not IP, not ARP. */
  public static byte[] lldp() {
    return ethernet(ETH_LLDP, new byte[46]);
  }

  /** {@code frame} with an 802.1Q tag carrying {@code vlanId} inserted after the MAC addresses (4 bytes more). */
  public static byte[] vlan(int vlanId, byte[] frame) {
    ByteBuffer tagged = ByteBuffer.allocate(frame.length + 4);
    tagged.put(frame, 0, 12).putShort((short) ETH_VLAN).putShort((short) vlanId).put(frame, 12, frame.length - 12);
    return tagged.array();
  }

  private static byte[] arp(int operation, String sender, String target) {
    ByteBuffer arp = ByteBuffer.allocate(28);
    arp.putShort((short) 1).putShort((short) ETH_IPV4).put((byte) 6).put((byte) 4).putShort((short) operation)
        .put(new byte[] {2, 0, 0, 0, 0, 1}).put(address(sender, 4)).put(new byte[6]).put(address(target, 4));
    return ethernet(ETH_ARP, arp.array());
  }

  private static byte[] tcp(int srcPort, int dstPort, int flags, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(20 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 65535);
    return l4.array();
  }

  private static byte[] udp(int srcPort, int dstPort, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload));
    return l4.array();
  }

  private static byte[] icmp(int type, int code, byte[] data) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + data.length);
    l4.put((byte) type).put((byte) code).putShort((short) 0).putInt(0).put(data);
    return l4.array();
  }

  private static byte[] ipv4(String src, String dst, int protocol, byte[] l4) {
    return ethernet(ETH_IPV4, ipv4Packet(src, dst, protocol, 1, 0, l4));
  }

  private static byte[] ipv4Packet(String src, String dst, int protocol, int id, int flagsAndOffset, byte[] l4) {
    ByteBuffer ip = ByteBuffer.allocate(IPV4_HEADER + l4.length);
    ip.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + l4.length)).putShort((short) id)
        .putShort((short) flagsAndOffset).put((byte) 64).put((byte) protocol).putShort((short) 0)
        .put(address(src, 4)).put(address(dst, 4)).put(l4);
    return ip.array();
  }

  private static byte[] ipv6(String src, String dst, int nextHeader, byte[] l4) {
    ByteBuffer ip = ByteBuffer.allocate(40 + l4.length);
    ip.putInt(0x60000000).putShort((short) l4.length).put((byte) nextHeader).put((byte) 64)
        .put(address(src, 16)).put(address(dst, 16)).put(l4);
    return ethernet(ETH_IPV6, ip.array());
  }

  private static byte[] ethernet(int etherType, byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(ETH_HEADER + payload.length);
    frame.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) etherType)
        .put(payload);
    return frame.array();
  }

  private static byte[] address(String literal, int length) {
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (bytes.length != length) {
        throw new IllegalArgumentException(literal + " is not " + length + " bytes");
      }
      return bytes;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
