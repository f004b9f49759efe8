package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.decode;
import static org.nexusflowmeter.pcap.decode.TestFrames.ethernet;
import static org.nexusflowmeter.pcap.decode.TestFrames.hex;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv4;
import static org.nexusflowmeter.pcap.decode.TestFrames.payload;
import static org.nexusflowmeter.pcap.decode.TestFrames.tcp;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IpV4NoOperationOption;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IcmpV4Code;
import org.pcap4j.packet.namednumber.IcmpV4Type;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.util.MacAddress;

/** Ethernet + IPv4 + each transport, and ARP: every field of DecodedPacket checked. */
class Ipv4DecodeTest {
  private static final int ETH = PacketDecoder.LINKTYPE_ETHERNET;
  private static final int IP = 14;
  private static final int L4 = 34;

  @Test
  void tcpOverIpv4OverEthernetFillsEveryField() {
    TcpPacket.Builder tcp = tcp(SRC_V4, DST_V4, 100)
        .options(List.of(TcpNoOperationOption.getInstance(), TcpNoOperationOption.getInstance(),
            TcpNoOperationOption.getInstance(), TcpNoOperationOption.getInstance()));
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp)).build().getRawData();
    frame[L4 + 12] |= 0x01; // NS
    frame[L4 + 13] |= (byte) 0xc0; // CWR, ECE

    DecodedPacket p = decode(frame, ETH);

    assertEquals(frame, p.buf);
    assertEquals(0, p.dstMacOffset);
    assertEquals(6, p.srcMacOffset);
    assertEquals("02:00:5e:10:00:01", AddressText.mac(frame, p.dstMacOffset));
    assertEquals("0a:1b:2c:3d:4e:5f", AddressText.mac(frame, p.srcMacOffset));
    assertEquals(0x0800, p.ethType);
    assertEquals(0, p.vlanCount);
    assertEquals(0, p.mplsCount);
    assertEquals(4, p.ipVersion);
    assertEquals(IP, p.ipOffset);
    assertEquals(IP + 12, p.srcAddrOffset);
    assertEquals(IP + 16, p.dstAddrOffset);
    assertEquals(4, p.addrLength);
    assertEquals("192.0.2.10", AddressText.ip(frame, p.srcAddrOffset, p.addrLength));
    assertEquals("198.51.100.200", AddressText.ip(frame, p.dstAddrOffset, p.addrLength));
    assertEquals(20, p.ipHeaderLength);
    assertEquals(0xb8, p.ipDsField);
    assertEquals(61, p.ttl);
    assertEquals(0xbeef, p.ipId);
    assertTrue(p.dontFragment);
    assertFalse(p.moreFragments);
    assertEquals(0, p.fragmentOffset);
    assertEquals(6, p.ipProtocol);
    assertEquals(24 + 100, p.ipPayloadLength);
    assertEquals(L4, p.l4Offset);
    assertEquals(49152, p.srcPort);
    assertEquals(443, p.dstPort);
    assertEquals(0xf0000001L, p.tcpSeq);
    assertEquals(0x80000002L, p.tcpAck);
    assertEquals(0x100 | 0x80 | 0x40 | 0x10 | 0x08, p.tcpFlags);
    assertEquals(0xfaf0, p.tcpWindow);
    assertEquals(24, p.tcpHeaderLength);
    assertEquals(100, p.l4PayloadLength);
    assertEquals(-1, p.icmpType);
    assertEquals(-1, p.icmpCode);
    assertEquals(-1, p.arpOp);
  }

  @Test
  void lengthsComeFromTheLengthFieldsNotFromEthernetPadding() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 2)))
        .paddingAtBuild(true).build().getRawData();
    assertEquals(60, frame.length);

    DecodedPacket p = decode(frame, ETH);

    assertEquals(10, p.ipPayloadLength);
    assertEquals(L4, p.l4Offset);
    assertEquals(5353, p.srcPort);
    assertEquals(0xfffe, p.dstPort);
    assertEquals(2, p.l4PayloadLength);
    assertEquals(-1, p.tcpSeq);
    assertEquals(-1, p.tcpFlags);
    assertEquals(-1, p.tcpHeaderLength);
  }

  @Test
  void optionsAreSkippedByIhl() {
    IpV4Packet.Builder ip = ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 30))
        .options(List.of(IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
            IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
            IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance(),
            IpV4NoOperationOption.getInstance(), IpV4NoOperationOption.getInstance()));
    byte[] frame = ethernet(EtherType.IPV4, ip).build().getRawData();
    assertEquals(0x47, frame[IP] & 0xff);

    DecodedPacket p = decode(frame, ETH);

    assertEquals(28, p.ipHeaderLength);
    assertEquals(38, p.ipPayloadLength);
    assertEquals(IP + 28, p.l4Offset);
    assertEquals(5353, p.srcPort);
    assertEquals(0xfffe, p.dstPort);
    assertEquals(30, p.l4PayloadLength);
  }

  @Test
  void firstFragmentHasPortsLaterFragmentsDoNot() {
    byte[] first = ethernet(EtherType.IPV4,
        ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 1460)).dontFragmentFlag(false).moreFragmentFlag(true))
        .build().getRawData();
    DecodedPacket p = decode(first, ETH);
    assertTrue(p.moreFragments);
    assertFalse(p.dontFragment);
    assertEquals(0, p.fragmentOffset);
    assertEquals(1480, p.ipPayloadLength);
    assertEquals(49152, p.srcPort);
    assertEquals(443, p.dstPort);
    assertEquals(20, p.tcpHeaderLength);
    assertEquals(1460, p.l4PayloadLength);

    byte[] later = ethernet(EtherType.IPV4,
        ipv4(IpNumber.TCP, payload(80)).dontFragmentFlag(false).fragmentOffset((short) 185))
        .build().getRawData();
    p = decode(later, ETH);
    assertFalse(p.moreFragments);
    assertEquals(185 * 8, p.fragmentOffset);
    assertEquals(6, p.ipProtocol);
    assertEquals(80, p.ipPayloadLength);
    assertEquals(-1, p.l4Offset);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.dstPort);
    assertEquals(-1, p.tcpSeq);
    assertEquals(-1, p.tcpHeaderLength);
    assertEquals(80, p.l4PayloadLength);
  }

  @Test
  void icmpSctpAndOtherProtocols() {
    byte[] echo = ethernet(EtherType.IPV4, ipv4(IpNumber.ICMPV4, new IcmpV4CommonPacket.Builder()
        .type(IcmpV4Type.ECHO).code(IcmpV4Code.NO_CODE).payloadBuilder(payload(4 + 56))
        .correctChecksumAtBuild(true))).build().getRawData();
    DecodedPacket p = decode(echo, ETH);
    assertEquals(1, p.ipProtocol);
    assertEquals(64, p.ipPayloadLength);
    assertEquals(L4, p.l4Offset);
    assertEquals(8, p.icmpType);
    assertEquals(0, p.icmpCode);
    assertEquals(56, p.l4PayloadLength);
    assertEquals(-1, p.srcPort);

    byte[] sctpHeaderAndChunk = hex("0b59 0b5a 00000001 00000000  0000 0010 00000000 00000000 00000000");
    byte[] sctp = ethernet(EtherType.IPV4,
        ipv4(IpNumber.SCTP, new UnknownPacket.Builder().rawData(sctpHeaderAndChunk))).build().getRawData();
    p = decode(sctp, ETH);
    assertEquals(132, p.ipProtocol);
    assertEquals(28, p.ipPayloadLength);
    assertEquals(2905, p.srcPort);
    assertEquals(2906, p.dstPort);
    assertEquals(16, p.l4PayloadLength);
    assertEquals(-1, p.icmpType);

    byte[] gre = ethernet(EtherType.IPV4, ipv4(IpNumber.GRE, payload(24))).build().getRawData();
    p = decode(gre, ETH);
    assertEquals(47, p.ipProtocol);
    assertEquals(24, p.ipPayloadLength);
    assertEquals(L4, p.l4Offset);
    assertEquals(24, p.l4PayloadLength);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.icmpType);
  }

  @Test
  void udpLengthFieldIsUsedWhenConsistentElseTheIpPayload() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 30))).build().getRawData();
    assertEquals(30, decode(frame, ETH).l4PayloadLength);
    int[][] lengthFieldAndExpected = {{20, 12}, {38, 30}, {0, 30}, {4, 30}, {39, 30}, {0xffff, 30}};
    for (int[] c : lengthFieldAndExpected) {
      frame[L4 + 4] = (byte) (c[0] >>> 8);
      frame[L4 + 5] = (byte) c[0];
      assertEquals(c[1], decode(frame, ETH).l4PayloadLength, "UDP length field " + c[0]);
    }
  }

  @Test
  void headerLengthBelowFiveStopsAtTheVersion() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 10))).build().getRawData();
    frame[IP] = 0x44;
    DecodedPacket p = decode(frame, ETH);
    assertEquals(0x0800, p.ethType);
    assertEquals(4, p.ipVersion);
    assertEquals(IP, p.ipOffset);
    assertEquals(-1, p.ipHeaderLength);
    assertEquals(-1, p.ipDsField);
    assertEquals(-1, p.ipPayloadLength);
    assertEquals(-1, p.ipProtocol);
    assertEquals(-1, p.srcAddrOffset);
    assertEquals(0, p.addrLength);
    assertEquals(-1, p.fragmentOffset);
    assertEquals(-1, p.srcPort);

    frame[IP] = 0x65;
    p = decode(frame, ETH);
    assertEquals(0x0800, p.ethType);
    assertEquals(0, p.ipVersion);
    assertEquals(-1, p.ipOffset);
  }

  @Test
  void totalLengthShorterThanTheHeaderLeavesPayloadAndTransportAbsent() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 10))).build().getRawData();
    frame[IP + 2] = 0;
    frame[IP + 3] = 19;
    DecodedPacket p = decode(frame, ETH);
    assertEquals(20, p.ipHeaderLength);
    assertEquals(-1, p.ipPayloadLength);
    assertEquals(6, p.ipProtocol);
    assertEquals(IP + 12, p.srcAddrOffset);
    assertEquals(IP + 16, p.dstAddrOffset);
    assertEquals(-1, p.l4Offset);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.l4PayloadLength);
  }

  /** TSO / BIG TCP super-packets carry total length 0: the captured bytes give the length. */
  @Test
  void totalLengthZeroTakesTheCapturedLength() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 1000))).build().getRawData();
    frame[IP + 2] = 0;
    frame[IP + 3] = 0;
    DecodedPacket p = decode(frame, ETH);
    assertEquals(1020, p.ipPayloadLength);
    assertEquals(20, p.tcpHeaderLength);
    assertEquals(1000, p.l4PayloadLength);

    DecodedPacket cut = new DecodedPacket();
    PacketDecoder.decode(frame, 0, IP + 20 + 20 + 50, ETH, cut);
    assertEquals(70, cut.ipPayloadLength);
    assertEquals(50, cut.l4PayloadLength);
  }

  @Test
  void totalLengthBeyondTheCaptureIsKept() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 1400))).build().getRawData();
    DecodedPacket p = new DecodedPacket();
    PacketDecoder.decode(frame, 0, 96, ETH, p);
    assertEquals(1420, p.ipPayloadLength);
    assertEquals(1400, p.l4PayloadLength);
    assertEquals(0xfaf0, p.tcpWindow);
  }

  @Test
  void tcpDataOffsetBelowFiveStopsAfterTheAcknowledgment() {
    byte[] frame = ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 10))).build().getRawData();
    frame[L4 + 12] = 0x40;
    DecodedPacket p = decode(frame, ETH);
    assertEquals(49152, p.srcPort);
    assertEquals(443, p.dstPort);
    assertEquals(0xf0000001L, p.tcpSeq);
    assertEquals(0x80000002L, p.tcpAck);
    assertEquals(-1, p.tcpHeaderLength);
    assertEquals(-1, p.tcpFlags);
    assertEquals(-1, p.tcpWindow);
    assertEquals(-1, p.l4PayloadLength);
  }

  @Test
  void arpGivesOperationAndProtocolAddresses() {
    byte[] frame = ethernet(EtherType.ARP, new ArpPacket.Builder()
        .hardwareType(ArpHardwareType.ETHERNET)
        .protocolType(EtherType.IPV4)
        .hardwareAddrLength((byte) 6)
        .protocolAddrLength((byte) 4)
        .operation(ArpOperation.REPLY)
        .srcHardwareAddr(TestFrames.SRC_MAC)
        .srcProtocolAddr(SRC_V4)
        .dstHardwareAddr(MacAddress.getByName("00:00:00:00:00:00"))
        .dstProtocolAddr(DST_V4)).build().getRawData();

    DecodedPacket p = decode(frame, ETH);

    assertEquals(0x0806, p.ethType);
    assertEquals(2, p.arpOp);
    assertEquals(IP + 14, p.srcAddrOffset);
    assertEquals(IP + 24, p.dstAddrOffset);
    assertEquals(4, p.addrLength);
    assertEquals("192.0.2.10", AddressText.ip(frame, p.srcAddrOffset, 4));
    assertEquals("198.51.100.200", AddressText.ip(frame, p.dstAddrOffset, 4));
    assertEquals(0, p.ipVersion);
    assertEquals(-1, p.ipOffset);
    assertEquals(-1, p.ipProtocol);
    assertEquals(-1, p.l4PayloadLength);
    assertEquals(-1, p.srcPort);

    frame[IP + 4] = 8;
    p = decode(frame, ETH);
    assertEquals(2, p.arpOp);
    assertEquals(-1, p.srcAddrOffset);
    assertEquals(-1, p.dstAddrOffset);
    assertEquals(0, p.addrLength);
  }
}
