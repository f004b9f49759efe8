package org.nexusflowmeter.pcap.spark;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/**
 * Ethernet frames built with pcap4j, each with the values every decoded column must have, taken from the
 * builder's inputs (not from the decoder).
 */
final class TestFrames {
  static final String MAC_A = "00:11:22:33:44:55";
  static final String MAC_B = "66:77:88:99:aa:bb";

  /** A frame and its expected decoded columns (column name → value; absent names are expected null). */
  static final class Frame {
    final String label;
    final byte[] bytes;
    final Map<String, Object> expected;

    Frame(String label, Packet packet, Map<String, Object> expected) {
      this.label = label;
      this.bytes = packet.getRawData();
      this.expected = expected;
    }
  }

  private TestFrames() {}

  /** TCP/IPv4, UDP/IPv4, ICMP echo, ARP request, UDP/IPv6, and TCP/IPv4 in an 802.1Q tag. */
  static List<Frame> all() {
    return List.of(tcpV4(), udpV4(), icmpEcho(), arpRequest(), udpV6(), vlanTcpV4());
  }

  static Frame tcpV4() {
    Map<String, Object> e = ethernet(0x0800);
    ipv4(e, "192.168.1.10", "10.0.0.1", 6, 0x28, 64, 0xBEEF, true, 30);
    e.put("src_port", 40000);
    e.put("dst_port", 80);
    e.put("tcp_flags", 0x12);
    e.put("tcp_seq", 3_000_000_000L);
    e.put("tcp_ack", 123_456L);
    e.put("tcp_window", 65535);
    e.put("tcp_header_length", 20);
    e.put("l4_payload_length", 10);
    return new Frame("tcp/ipv4", ether(EtherType.IPV4, tcpOverV4(new byte[10])), e);
  }

  static Frame udpV4() {
    Map<String, Object> e = ethernet(0x0800);
    ipv4(e, "10.0.0.2", "224.0.0.251", 17, 0, 255, 7, false, 20);
    e.put("src_port", 5353);
    e.put("dst_port", 5353);
    e.put("l4_payload_length", 12);
    UdpPacket.Builder udp = new UdpPacket.Builder()
        .srcAddr(v4("10.0.0.2")).dstAddr(v4("224.0.0.251"))
        .srcPort(UdpPort.getInstance((short) 5353)).dstPort(UdpPort.getInstance((short) 5353))
        .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[12]))
        .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    return new Frame("udp/ipv4", ether(EtherType.IPV4,
        ipv4Builder("10.0.0.2", "224.0.0.251", IpNumber.UDP, 0, 255, 7, false, udp)), e);
  }

  static Frame icmpEcho() {
    Map<String, Object> e = ethernet(0x0800);
    ipv4(e, "192.168.1.10", "192.168.1.1", 1, 0, 64, 99, false, 24);
    e.put("icmp_type", 8);
    e.put("icmp_code", 0);
    e.put("l4_payload_length", 16);
    IcmpV4EchoPacket.Builder echo = new IcmpV4EchoPacket.Builder()
        .identifier((short) 1).sequenceNumber((short) 2)
        .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[16]));
    IcmpV4CommonPacket.Builder icmp = new IcmpV4CommonPacket.Builder()
        .type(IcmpV4Type.ECHO).code(IcmpV4Code.NO_CODE).payloadBuilder(echo).correctChecksumAtBuild(true);
    return new Frame("icmp echo", ether(EtherType.IPV4,
        ipv4Builder("192.168.1.10", "192.168.1.1", IpNumber.ICMPV4, 0, 64, 99, false, icmp)), e);
  }

  static Frame arpRequest() {
    Map<String, Object> e = ethernet(0x0806);
    e.put("src_ip", "192.168.1.10");
    e.put("dst_ip", "192.168.1.1");
    e.put("arp_op", 1);
    ArpPacket.Builder arp = new ArpPacket.Builder()
        .hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
        .hardwareAddrLength((byte) 6).protocolAddrLength((byte) 4).operation(ArpOperation.REQUEST)
        .srcHardwareAddr(MacAddress.getByName(MAC_A)).srcProtocolAddr(v4("192.168.1.10"))
        .dstHardwareAddr(MacAddress.getByName("00:00:00:00:00:00")).dstProtocolAddr(v4("192.168.1.1"));
    return new Frame("arp request", ether(EtherType.ARP, arp), e);
  }

  static Frame udpV6() {
    Map<String, Object> e = ethernet(0x86DD);
    e.put("ip_version", 6);
    e.put("src_ip", "2001:db8::1");
    e.put("dst_ip", "fe80::1");
    e.put("ip_protocol", 17);
    e.put("ip_header_length", 40);
    e.put("ip_dsfield", 0xB8);
    e.put("ttl", 32);
    e.put("fragment_offset", 0);
    e.put("ip_payload_length", 14);
    e.put("src_port", 546);
    e.put("dst_port", 547);
    e.put("l4_payload_length", 6);
    UdpPacket.Builder udp = new UdpPacket.Builder()
        .srcAddr(v6("2001:db8::1")).dstAddr(v6("fe80::1"))
        .srcPort(UdpPort.getInstance((short) 546)).dstPort(UdpPort.getInstance((short) 547))
        .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[6]))
        .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    IpV6Packet.Builder ip = new IpV6Packet.Builder()
        .version(IpVersion.IPV6).trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0xB8))
        .flowLabel(IpV6SimpleFlowLabel.newInstance(0x12345)).nextHeader(IpNumber.UDP).hopLimit((byte) 32)
        .srcAddr(v6("2001:db8::1")).dstAddr(v6("fe80::1")).payloadBuilder(udp).correctLengthAtBuild(true);
    return new Frame("udp/ipv6", ether(EtherType.IPV6, ip), e);
  }

  static Frame vlanTcpV4() {
    Map<String, Object> e = ethernet(0x0800);
    e.put("vlan_ids", List.of(100));
    ipv4(e, "192.168.1.10", "10.0.0.1", 6, 0x28, 64, 0xBEEF, true, 30);
    e.put("src_port", 40000);
    e.put("dst_port", 80);
    e.put("tcp_flags", 0x12);
    e.put("tcp_seq", 3_000_000_000L);
    e.put("tcp_ack", 123_456L);
    e.put("tcp_window", 65535);
    e.put("tcp_header_length", 20);
    e.put("l4_payload_length", 10);
    Dot1qVlanTagPacket.Builder tag = new Dot1qVlanTagPacket.Builder()
        .priority((byte) 0).cfi(false).vid((short) 100).type(EtherType.IPV4)
        .payloadBuilder(tcpOverV4(new byte[10]));
    return new Frame("tcp/ipv4 in vlan 100", ether(EtherType.DOT1Q_VLAN_TAGGED_FRAMES, tag), e);
  }

  /** A TCP/IPv4 frame with the given payload, for files of many packets of varied sizes. */
  static byte[] tcpV4Frame(int payloadLength) {
    return ether(EtherType.IPV4, tcpOverV4(new byte[payloadLength])).getRawData();
  }

  private static IpV4Packet.Builder tcpOverV4(byte[] payload) {
    TcpPacket.Builder tcp = new TcpPacket.Builder()
        .srcAddr(v4("192.168.1.10")).dstAddr(v4("10.0.0.1"))
        .srcPort(TcpPort.getInstance((short) 40000)).dstPort(TcpPort.HTTP)
        .sequenceNumber((int) 3_000_000_000L).acknowledgmentNumber(123_456).dataOffset((byte) 5)
        .syn(true).ack(true).window((short) 65535)
        .payloadBuilder(new UnknownPacket.Builder().rawData(payload))
        .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    return ipv4Builder("192.168.1.10", "10.0.0.1", IpNumber.TCP, 0x28, 64, 0xBEEF, true, tcp);
  }

  private static IpV4Packet.Builder ipv4Builder(String src, String dst, IpNumber protocol, int tos, int ttl,
      int id, boolean dontFragment, Packet.Builder payload) {
    return new IpV4Packet.Builder()
        .version(IpVersion.IPV4).ihl((byte) 5).tos(IpV4Rfc791Tos.newInstance((byte) tos))
        .identification((short) id).dontFragmentFlag(dontFragment).ttl((byte) ttl).protocol(protocol)
        .srcAddr(v4(src)).dstAddr(v4(dst)).payloadBuilder(payload)
        .correctChecksumAtBuild(true).correctLengthAtBuild(true);
  }

  private static EthernetPacket ether(EtherType type, Packet.Builder payload) {
    return new EthernetPacket.Builder()
        .srcAddr(MacAddress.getByName(MAC_A)).dstAddr(MacAddress.getByName(MAC_B)).type(type)
        .payloadBuilder(payload).pad(new byte[0]).build();
  }

  private static Map<String, Object> ethernet(int ethType) {
    Map<String, Object> e = new HashMap<>();
    e.put("src_mac", MAC_A);
    e.put("dst_mac", MAC_B);
    e.put("eth_type", ethType);
    e.put("vlan_ids", List.of());
    e.put("mpls_labels", List.of());
    return e;
  }

  private static void ipv4(Map<String, Object> e, String src, String dst, int protocol, int dsfield, int ttl,
      int id, boolean dontFragment, int payloadLength) {
    e.put("ip_version", 4);
    e.put("src_ip", src);
    e.put("dst_ip", dst);
    e.put("ip_protocol", protocol);
    e.put("ip_header_length", 20);
    e.put("ip_dsfield", dsfield);
    e.put("ttl", ttl);
    e.put("ip_id", (long) id);
    e.put("dont_fragment", dontFragment);
    e.put("more_fragments", false);
    e.put("fragment_offset", 0);
    e.put("ip_payload_length", payloadLength);
  }

  static Inet4Address v4(String text) {
    return (Inet4Address) address(text);
  }

  static Inet6Address v6(String text) {
    return (Inet6Address) address(text);
  }

  private static InetAddress address(String text) {
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** The decoded columns, in schema order: what each Frame's expectation covers. */
  static final List<String> DECODED_COLUMNS = Arrays.asList(
      "src_mac", "dst_mac", "eth_type", "vlan_ids", "mpls_labels", "ip_version", "src_ip", "dst_ip",
      "ip_protocol", "ip_header_length", "ip_dsfield", "ttl", "ip_id", "dont_fragment", "more_fragments",
      "fragment_offset", "src_port", "dst_port", "tcp_flags", "tcp_seq", "tcp_ack", "tcp_window",
      "tcp_header_length", "ip_payload_length", "l4_payload_length", "icmp_type", "icmp_code", "arp_op");
}
