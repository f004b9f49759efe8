package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.concat;
import static org.nexusflowmeter.pcap.decode.TestFrames.decode;
import static org.nexusflowmeter.pcap.decode.TestFrames.ethernet;
import static org.nexusflowmeter.pcap.decode.TestFrames.hex;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv6;
import static org.nexusflowmeter.pcap.decode.TestFrames.payload;
import static org.nexusflowmeter.pcap.decode.TestFrames.tcp;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV6Code;
import org.pcap4j.packet.namednumber.IcmpV6Type;
import org.pcap4j.packet.namednumber.IpNumber;

/** Ethernet + IPv6: fixed header, extension headers, fragments, jumbograms and offload lengths. */
class Ipv6DecodeTest {
  private static final int ETH = PacketDecoder.LINKTYPE_ETHERNET;
  private static final int IP = 14;
  private static final int AFTER_FIXED = IP + 40;

  @Test
  void udpOverIpv6FillsEveryField() {
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.UDP, udp(SRC_V6, DST_V6, 30))).build().getRawData();

    DecodedPacket p = decode(frame, ETH);

    assertEquals(0, p.dstMacOffset);
    assertEquals(6, p.srcMacOffset);
    assertEquals(0x86DD, p.ethType);
    assertEquals(6, p.ipVersion);
    assertEquals(IP, p.ipOffset);
    assertEquals(IP + 8, p.srcAddrOffset);
    assertEquals(IP + 24, p.dstAddrOffset);
    assertEquals(16, p.addrLength);
    assertEquals("2001:db8::10", AddressText.ip(frame, p.srcAddrOffset, p.addrLength));
    assertEquals("2001:db8:0:1::ff:1", AddressText.ip(frame, p.dstAddrOffset, p.addrLength));
    assertEquals(40, p.ipHeaderLength);
    assertEquals(0x2e, p.ipDsField);
    assertEquals(255, p.ttl);
    assertEquals(-1, p.ipId);
    assertFalse(p.dontFragment);
    assertFalse(p.moreFragments);
    assertEquals(0, p.fragmentOffset);
    assertEquals(17, p.ipProtocol);
    assertEquals(38, p.ipPayloadLength);
    assertEquals(AFTER_FIXED, p.l4Offset);
    assertEquals(5353, p.srcPort);
    assertEquals(0xfffe, p.dstPort);
    assertEquals(30, p.l4PayloadLength);
    assertEquals(-1, p.tcpSeq);
    assertEquals(-1, p.tcpAck);
    assertEquals(-1, p.tcpFlags);
    assertEquals(-1, p.tcpWindow);
    assertEquals(-1, p.tcpHeaderLength);
    assertEquals(-1, p.icmpType);
    assertEquals(-1, p.icmpCode);
    assertEquals(-1, p.arpOp);
  }

  @Test
  void extensionChainUpToAFirstFragmentThenTcp() {
    byte[] fragmentAndTcp = new IpV6ExtFragmentPacket.Builder()
        .nextHeader(IpNumber.TCP)
        .fragmentOffset((short) 0)
        .m(true)
        .identification(0xdeadbeef)
        .payloadBuilder(tcp(SRC_V6, DST_V6, 100))
        .build().getRawData();
    byte[] hopByHop = hex("3c 00 0104 00000000"); // next: destination options; PadN
    byte[] destinationOptions = hex("2b 00 0104 00000000"); // next: routing
    byte[] routing = hex("2c 02 00 01 00000000 20010db8000000000000000000000099"); // next: fragment
    byte[] chain = concat(hopByHop, destinationOptions, routing, fragmentAndTcp);
    byte[] frame = ethernet(EtherType.IPV6,
        ipv6(IpNumber.IPV6_HOPOPT, new UnknownPacket.Builder().rawData(chain))).build().getRawData();

    DecodedPacket p = decode(frame, ETH);

    assertEquals(40 + 8 + 8 + 24 + 8, p.ipHeaderLength);
    assertEquals(6, p.ipProtocol);
    assertEquals(0, p.fragmentOffset);
    assertTrue(p.moreFragments);
    assertEquals(0xdeadbeefL, p.ipId);
    assertEquals(120, p.ipPayloadLength);
    assertEquals(IP + 88, p.l4Offset);
    assertEquals(49152, p.srcPort);
    assertEquals(443, p.dstPort);
    assertEquals(20, p.tcpHeaderLength);
    assertEquals(100, p.l4PayloadLength);
    assertEquals(0x18, p.tcpFlags);
  }

  @Test
  void laterFragmentStopsAtTheFragmentHeader() {
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.IPV6_FRAG, new IpV6ExtFragmentPacket.Builder()
        .nextHeader(IpNumber.TCP)
        .fragmentOffset((short) 181)
        .m(false)
        .identification(7)
        .payloadBuilder(payload(64)))).build().getRawData();

    DecodedPacket p = decode(frame, ETH);

    assertEquals(181 * 8, p.fragmentOffset);
    assertFalse(p.moreFragments);
    assertEquals(7, p.ipId);
    assertEquals(6, p.ipProtocol);
    assertEquals(48, p.ipHeaderLength);
    assertEquals(64, p.ipPayloadLength);
    assertEquals(-1, p.l4Offset);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.dstPort);
    assertEquals(-1, p.tcpHeaderLength);
    assertEquals(64, p.l4PayloadLength);
  }

  @Test
  void authenticationHeaderLengthIsInFourByteUnitsPlusTwo() {
    byte[] tcpBytes = tcp(SRC_V6, DST_V6, 10).build().getRawData();
    byte[] ah = hex("06 04 0000 00001000 00000001 000000000000000000000000");
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.AH,
        new UnknownPacket.Builder().rawData(concat(ah, tcpBytes)))).build().getRawData();

    DecodedPacket p = decode(frame, ETH);

    assertEquals(64, p.ipHeaderLength);
    assertEquals(6, p.ipProtocol);
    assertEquals(30, p.ipPayloadLength);
    assertEquals(AFTER_FIXED + 24, p.l4Offset);
    assertEquals(49152, p.srcPort);
    assertEquals(10, p.l4PayloadLength);
  }

  @Test
  void espMobilityAndNoNextHeaderEndTheChain() {
    int[] terminal = {50, 135, 59};
    for (int next : terminal) {
      byte[] frame = ethernet(EtherType.IPV6,
          ipv6(IpNumber.getInstance((byte) next), payload(32))).build().getRawData();
      DecodedPacket p = decode(frame, ETH);
      assertEquals(next, p.ipProtocol);
      assertEquals(40, p.ipHeaderLength);
      assertEquals(32, p.ipPayloadLength);
      assertEquals(AFTER_FIXED, p.l4Offset);
      assertEquals(32, p.l4PayloadLength);
      assertEquals(-1, p.srcPort);
    }
  }

  @Test
  void icmpv6TypeAndCode() {
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.ICMPV6, new IcmpV6CommonPacket.Builder()
        .type(IcmpV6Type.ECHO_REQUEST).code(IcmpV6Code.NO_CODE).srcAddr(SRC_V6).dstAddr(DST_V6)
        .payloadBuilder(payload(4 + 16)).correctChecksumAtBuild(true))).build().getRawData();
    DecodedPacket p = decode(frame, ETH);
    assertEquals(58, p.ipProtocol);
    assertEquals(24, p.ipPayloadLength);
    assertEquals(128, p.icmpType);
    assertEquals(0, p.icmpCode);
    assertEquals(16, p.l4PayloadLength);
    assertEquals(-1, p.srcPort);
  }

  /** RFC 2675: payload length 0, the length in the hop-by-hop Jumbo Payload option, UDP length 0. */
  @Test
  void jumbogramLengthComesFromTheJumboOption() {
    byte[] hopByHop = hex("11 00 c204 00010010"); // next: UDP; jumbo payload length 65552
    byte[] udpHeader = hex("1389 0035 0000 0000");
    byte[] frame = concat(ethernet(EtherType.IPV6, ipv6(IpNumber.IPV6_HOPOPT, payload(0))).build().getRawData(),
        hopByHop, udpHeader, new byte[40]);
    frame[IP + 4] = 0;
    frame[IP + 5] = 0;

    DecodedPacket p = decode(frame, ETH);

    assertEquals(17, p.ipProtocol);
    assertEquals(48, p.ipHeaderLength);
    assertEquals(65552 - 8, p.ipPayloadLength);
    assertEquals(5001, p.srcPort);
    assertEquals(53, p.dstPort);
    assertEquals(65552 - 8 - 8, p.l4PayloadLength);
  }

  /** Linux BIG TCP strips the jumbo option before the capture: payload length 0 and no hop-by-hop. */
  @Test
  void payloadLengthZeroWithoutJumboTakesTheCapturedLength() {
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.TCP, tcp(SRC_V6, DST_V6, 3000))).build().getRawData();
    frame[IP + 4] = 0;
    frame[IP + 5] = 0;
    DecodedPacket p = decode(frame, ETH);
    assertEquals(3020, p.ipPayloadLength);
    assertEquals(3000, p.l4PayloadLength);

    byte[] empty = ethernet(EtherType.IPV6, ipv6(IpNumber.IPV6_NONXT, payload(0))).build().getRawData();
    p = decode(empty, ETH);
    assertEquals(59, p.ipProtocol);
    assertEquals(0, p.ipPayloadLength);
    assertEquals(0, p.l4PayloadLength);
    assertEquals(-1, p.l4Offset);
  }

  @Test
  void extensionHeaderCutByTheSnaplenEndsTheWalkWithoutTransport() {
    byte[] hopByHop = hex("06 01 010c 000000000000 000000000000"); // 16 bytes, next: TCP
    byte[] frame = ethernet(EtherType.IPV6, ipv6(IpNumber.IPV6_HOPOPT,
        new UnknownPacket.Builder().rawData(concat(hopByHop, tcp(SRC_V6, DST_V6, 0).build().getRawData()))))
        .build().getRawData();
    DecodedPacket whole = decode(frame, ETH);
    assertEquals(6, whole.ipProtocol);
    assertEquals(56, whole.ipHeaderLength);
    assertEquals(20, whole.ipPayloadLength);
    assertEquals(443, whole.dstPort);

    DecodedPacket p = new DecodedPacket();
    PacketDecoder.decode(frame, 0, AFTER_FIXED + 10, ETH, p);

    assertEquals(0, p.ipProtocol);
    assertEquals(40, p.ipHeaderLength);
    assertEquals(36, p.ipPayloadLength);
    assertEquals(0, p.fragmentOffset);
    assertEquals(-1, p.l4Offset);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.l4PayloadLength);
  }
}
