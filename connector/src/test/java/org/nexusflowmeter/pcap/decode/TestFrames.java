package org.nexusflowmeter.pcap.decode;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/** Frames for decoder tests: pcap4j builders where pcap4j can build them, raw bytes otherwise. */
final class TestFrames {
  private TestFrames() {}

  static final MacAddress DST_MAC = MacAddress.getByName("02:00:5e:10:00:01");
  static final MacAddress SRC_MAC = MacAddress.getByName("0a:1b:2c:3d:4e:5f");
  static final Inet4Address SRC_V4 = v4("192.0.2.10");
  static final Inet4Address DST_V4 = v4("198.51.100.200");
  static final Inet6Address SRC_V6 = v6("2001:db8::10");
  static final Inet6Address DST_V6 = v6("2001:db8:0:1::ff:1");

  static Inet4Address v4(String literal) {
    try {
      return (Inet4Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static Inet6Address v6(String literal) {
    try {
      return (Inet6Address) InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  static UnknownPacket.Builder payload(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 7 + 1);
    }
    return new UnknownPacket.Builder().rawData(data);
  }

  static EthernetPacket.Builder ethernet(EtherType type, Packet.Builder payload) {
    return new EthernetPacket.Builder()
        .dstAddr(DST_MAC)
        .srcAddr(SRC_MAC)
        .type(type)
        .payloadBuilder(payload)
        .pad(new byte[0])
        .paddingAtBuild(false);
  }

  static IpV4Packet.Builder ipv4(IpNumber protocol, Packet.Builder payload) {
    return new IpV4Packet.Builder()
        .version(IpVersion.IPV4)
        .tos(IpV4Rfc791Tos.newInstance((byte) 0xb8))
        .identification((short) 0xbeef)
        .dontFragmentFlag(true)
        .ttl((byte) 61)
        .protocol(protocol)
        .srcAddr(SRC_V4)
        .dstAddr(DST_V4)
        .payloadBuilder(payload)
        .correctChecksumAtBuild(true)
        .correctLengthAtBuild(true);
  }

  static IpV6Packet.Builder ipv6(IpNumber nextHeader, Packet.Builder payload) {
    return new IpV6Packet.Builder()
        .version(IpVersion.IPV6)
        .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0x2e))
        .flowLabel(IpV6SimpleFlowLabel.newInstance(0x12345))
        .nextHeader(nextHeader)
        .hopLimit((byte) 255)
        .srcAddr(SRC_V6)
        .dstAddr(DST_V6)
        .payloadBuilder(payload)
        .correctLengthAtBuild(true);
  }

  static TcpPacket.Builder tcp(InetAddress src, InetAddress dst, int payloadLength) {
    return new TcpPacket.Builder()
        .srcPort(TcpPort.getInstance((short) 49152))
        .dstPort(TcpPort.getInstance((short) 443))
        .sequenceNumber(0xf0000001)
        .acknowledgmentNumber(0x80000002)
        .ack(true)
        .psh(true)
        .window((short) 0xfaf0)
        .srcAddr(src)
        .dstAddr(dst)
        .payloadBuilder(payload(payloadLength))
        .correctChecksumAtBuild(true)
        .correctLengthAtBuild(true);
  }

  static UdpPacket.Builder udp(InetAddress src, InetAddress dst, int payloadLength) {
    return new UdpPacket.Builder()
        .srcPort(UdpPort.getInstance((short) 5353))
        .dstPort(UdpPort.getInstance((short) 0xfffe))
        .srcAddr(src)
        .dstAddr(dst)
        .payloadBuilder(payload(payloadLength))
        .correctChecksumAtBuild(true)
        .correctLengthAtBuild(true);
  }

  /** Bytes from hex digits; spaces and other separators between pairs are ignored. */
  static byte[] hex(String digits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int high = -1;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), 16);
      if (d < 0) {
        continue;
      }
      if (high < 0) {
        high = d;
      } else {
        out.write(high << 4 | d);
        high = -1;
      }
    }
    if (high >= 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + digits);
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static DecodedPacket decode(byte[] frame, int linkType) {
    DecodedPacket out = new DecodedPacket();
    PacketDecoder.decode(frame, 0, frame.length, linkType, out);
    return out;
  }
}
