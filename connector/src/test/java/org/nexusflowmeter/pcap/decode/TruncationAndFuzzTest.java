package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.decode;
import static org.nexusflowmeter.pcap.decode.TestFrames.ethernet;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv4;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv6;
import static org.nexusflowmeter.pcap.decode.TestFrames.tcp;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;

/** Snaplen cuts at every length, and random or mutated bytes on every link type. */
class TruncationAndFuzzTest {
  private static final int ETH = PacketDecoder.LINKTYPE_ETHERNET;

  /** A field, the captured length from which it is present, and its value when absent. */
  private record Field(String name, int presentFrom, long absent, ToLongFunction<DecodedPacket> value) {}

  private static Field field(String name, int presentFrom, ToLongFunction<DecodedPacket> value) {
    return new Field(name, presentFrom, -1, value);
  }

  private static final List<Field> ETHERNET_IPV4_TCP = List.of(
      field("dstMacOffset", 6, p -> p.dstMacOffset),
      field("srcMacOffset", 12, p -> p.srcMacOffset),
      field("ethType", 14, p -> p.ethType),
      new Field("ipVersion", 15, 0, p -> p.ipVersion),
      field("ipOffset", 15, p -> p.ipOffset),
      field("ipHeaderLength", 15, p -> p.ipHeaderLength),
      field("ipDsField", 16, p -> p.ipDsField),
      field("ipPayloadLength", 18, p -> p.ipPayloadLength),
      field("ipId", 20, p -> p.ipId),
      new Field("dontFragment", 22, 0, p -> p.dontFragment ? 1 : 0),
      field("fragmentOffset", 22, p -> p.fragmentOffset),
      field("ttl", 23, p -> p.ttl),
      field("ipProtocol", 24, p -> p.ipProtocol),
      field("srcAddrOffset", 30, p -> p.srcAddrOffset),
      new Field("addrLength", 30, 0, p -> p.addrLength),
      field("dstAddrOffset", 34, p -> p.dstAddrOffset),
      field("l4Offset", 35, p -> p.l4Offset),
      field("srcPort", 36, p -> p.srcPort),
      field("dstPort", 38, p -> p.dstPort),
      field("tcpSeq", 42, p -> p.tcpSeq),
      field("tcpAck", 46, p -> p.tcpAck),
      field("tcpHeaderLength", 47, p -> p.tcpHeaderLength),
      field("l4PayloadLength", 47, p -> p.l4PayloadLength),
      field("tcpFlags", 48, p -> p.tcpFlags),
      field("tcpWindow", 50, p -> p.tcpWindow),
      field("icmpType", Integer.MAX_VALUE, p -> p.icmpType),
      field("arpOp", Integer.MAX_VALUE, p -> p.arpOp));

  private static final List<Field> VLAN_IPV6_UDP = List.of(
      field("dstMacOffset", 6, p -> p.dstMacOffset),
      field("srcMacOffset", 12, p -> p.srcMacOffset),
      new Field("vlanCount", 16, 0, p -> p.vlanCount),
      new Field("ipVersion", 19, 0, p -> p.ipVersion),
      field("ipOffset", 19, p -> p.ipOffset),
      field("ipHeaderLength", 19, p -> p.ipHeaderLength),
      field("ipDsField", 20, p -> p.ipDsField),
      field("ipPayloadLength", 24, p -> p.ipPayloadLength),
      field("ipProtocol", 25, p -> p.ipProtocol),
      field("ttl", 26, p -> p.ttl),
      field("srcAddrOffset", 42, p -> p.srcAddrOffset),
      new Field("addrLength", 42, 0, p -> p.addrLength),
      field("dstAddrOffset", 58, p -> p.dstAddrOffset),
      field("fragmentOffset", 58, p -> p.fragmentOffset),
      field("l4Offset", 59, p -> p.l4Offset),
      field("srcPort", 60, p -> p.srcPort),
      field("dstPort", 62, p -> p.dstPort),
      field("l4PayloadLength", 64, p -> p.l4PayloadLength),
      field("tcpSeq", Integer.MAX_VALUE, p -> p.tcpSeq),
      field("ipId", Integer.MAX_VALUE, p -> p.ipId));

  @Test
  void everySnaplenOfAnIpv4TcpFrameFillsExactlyTheFieldsItHolds() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 10))).build().getRawData();
    assertFieldsAtEveryCut(frame, ETHERNET_IPV4_TCP);
  }

  @Test
  void everySnaplenOfATaggedIpv6UdpFrameFillsExactlyTheFieldsItHolds() {
    byte[] frame = ethernet(EtherType.DOT1Q_VLAN_TAGGED_FRAMES, new Dot1qVlanTagPacket.Builder()
        .vid((short) 42).type(EtherType.IPV6)
        .payloadBuilder(ipv6(IpNumber.UDP, udp(SRC_V6, DST_V6, 10)))).build().getRawData();
    assertFieldsAtEveryCut(frame, VLAN_IPV6_UDP);
    DecodedPacket p = new DecodedPacket();
    for (int length = 0; length <= frame.length; length++) {
      PacketDecoder.decode(frame, 0, length, ETH, p);
      int expectedType = length < 14 ? -1 : length < 18 ? 0x8100 : 0x86DD;
      assertEquals(expectedType, p.ethType, "ethType at captured length " + length);
    }
  }

  private static void assertFieldsAtEveryCut(byte[] frame, List<Field> fields) {
    DecodedPacket whole = decode(frame, ETH);
    DecodedPacket p = new DecodedPacket();
    for (int length = 0; length <= frame.length; length++) {
      PacketDecoder.decode(frame, 0, length, ETH, p);
      for (Field f : fields) {
        long expected = length >= f.presentFrom ? f.value.applyAsLong(whole) : f.absent;
        assertEquals(expected, f.value.applyAsLong(p), f.name + " at captured length " + length);
      }
    }
  }

  private static final int[] LINK_TYPES = {0, 1, 9, 12, 14, 50, 101, 104, 108, 112, 113, 228, 229, 276, 147};

  @Test
  void randomBytesNeverThrowAndOffsetsStayInsideTheFrame() {
    SplittableRandom random = new SplittableRandom(20240607);
    DecodedPacket p = new DecodedPacket();
    byte[] buffer = new byte[300];
    for (int i = 0; i < 200_000; i++) {
      int length = random.nextInt(140);
      int offset = random.nextInt(buffer.length - length + 1);
      for (int j = offset; j < offset + length; j++) {
        buffer[j] = (byte) random.nextInt(256);
      }
      // steer some frames into the interesting paths
      if (length > 14 && random.nextBoolean()) {
        int[] types = {0x0800, 0x86DD, 0x8100, 0x88A8, 0x8847, 0x8864, 0x0806, 0x8903};
        int type = types[random.nextInt(types.length)];
        buffer[offset + 12] = (byte) (type >>> 8);
        buffer[offset + 13] = (byte) type;
      }
      int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
      decodeAndCheck(buffer, offset, length, linkType, p);
    }
  }

  @Test
  void mutatedValidFramesNeverThrowAndOffsetsStayInsideTheFrame() {
    byte[][] seeds = {
      ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 20))).build().getRawData(),
      ethernet(EtherType.IPV6, ipv6(IpNumber.UDP, udp(SRC_V6, DST_V6, 20))).build().getRawData(),
      ethernet(EtherType.IPV6, ipv6(IpNumber.IPV6_HOPOPT, new org.pcap4j.packet.UnknownPacket.Builder()
          .rawData(TestFrames.concat(TestFrames.hex("2c 00 c204 00010000 06 00 0001 00000001"),
              tcp(SRC_V6, DST_V6, 8).build().getRawData())))).build().getRawData(),
    };
    SplittableRandom random = new SplittableRandom(7);
    DecodedPacket p = new DecodedPacket();
    int withPorts = 0;
    for (int i = 0; i < 200_000; i++) {
      byte[] frame = seeds[random.nextInt(seeds.length)].clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
      }
      decodeAndCheck(frame, 0, random.nextInt(frame.length + 1), ETH, p);
      if (p.dstPort >= 0) {
        withPorts++;
      }
    }
    // the mutations must leave enough frames intact to reach the transport decoders
    assertTrue(withPorts > 50_000, withPorts + " frames with ports");
  }

  @Test
  void rangesOutsideTheBufferDecodeNothingOrAreCut() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 20))).build().getRawData();
    DecodedPacket p = new DecodedPacket();
    int[][] offsetAndLength = {{-1, 10}, {frame.length + 1, 10}, {0, -5}, {0, 0}, {frame.length, 10}};
    for (int[] c : offsetAndLength) {
      PacketDecoder.decode(frame, c[0], c[1], ETH, p);
      assertEquals(-1, p.dstMacOffset, "offset " + c[0] + " length " + c[1]);
      assertEquals(-1, p.ethType);
    }
    PacketDecoder.decode(null, 0, 10, ETH, p);
    assertEquals(-1, p.ethType);

    PacketDecoder.decode(frame, 0, Integer.MAX_VALUE, ETH, p);
    assertEquals(443, p.dstPort);
    assertEquals(20, p.l4PayloadLength);
  }

  private static void decodeAndCheck(byte[] buffer, int offset, int length, int linkType, DecodedPacket p) {
    try {
      PacketDecoder.decode(buffer, offset, length, linkType, p);
    } catch (RuntimeException e) {
      fail("decode threw on link type " + linkType + " length " + length, e);
    }
    int end = offset + length;
    assertInside(p.dstMacOffset, 6, offset, end, "dstMac");
    assertInside(p.srcMacOffset, 6, offset, end, "srcMac");
    assertInside(p.ipOffset, 1, offset, end, "ipOffset");
    assertInside(p.srcAddrOffset, p.addrLength, offset, end, "srcAddr");
    assertInside(p.dstAddrOffset, p.addrLength, offset, end, "dstAddr");
    assertInside(p.l4Offset, 1, offset, end, "l4Offset");
    if (p.srcAddrOffset >= 0 && p.addrLength != 4 && p.addrLength != 16) {
      fail("addrLength " + p.addrLength);
    }
    if (p.dstPort >= 0 && (p.l4Offset < 0 || p.l4Offset + 4 > end)) {
      fail("ports beyond the capture: l4Offset " + p.l4Offset + " end " + end);
    }
    if (p.ipVersion != 0 && p.ipHeaderLength >= 0 && p.ipHeaderLength < 20) {
      fail("ipHeaderLength " + p.ipHeaderLength);
    }
    if (p.ipPayloadLength < -1 || p.l4PayloadLength < -1 || p.tcpHeaderLength < -1) {
      fail("negative length: ip payload " + p.ipPayloadLength + " l4 payload " + p.l4PayloadLength);
    }
  }

  private static void assertInside(int at, int size, int offset, int end, String what) {
    if (at < -1 || at >= 0 && (at < offset || at + size > end)) {
      fail(what + " at " + at + " size " + size + " outside [" + offset + ", " + end + ")");
    }
  }
}
