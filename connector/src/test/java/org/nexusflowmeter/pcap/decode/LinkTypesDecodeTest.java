package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.concat;
import static org.nexusflowmeter.pcap.decode.TestFrames.decode;
import static org.nexusflowmeter.pcap.decode.TestFrames.ethernet;
import static org.nexusflowmeter.pcap.decode.TestFrames.hex;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv4;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv6;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.ArpPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.namednumber.ArpHardwareType;
import org.pcap4j.packet.namednumber.ArpOperation;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;

/** Every supported link type, tag stacks, MPLS and PPPoE; the IP packet inside is checked at its offset. */
class LinkTypesDecodeTest {
  private static final byte[] MACS = hex("02005e100001 0a1b2c3d4e5f");
  private static final byte[] IPV4_UDP = ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 30)).build().getRawData();
  private static final byte[] IPV6_UDP = ipv6(IpNumber.UDP, udp(SRC_V6, DST_V6, 30)).build().getRawData();

  /** The UDP/IPv4 packet of {@link #IPV4_UDP} decoded at ipOffset. */
  private static void assertIpv4Udp(DecodedPacket p, int ipOffset) {
    assertEquals(0x0800, p.ethType);
    assertEquals(4, p.ipVersion);
    assertEquals(ipOffset, p.ipOffset);
    assertEquals("192.0.2.10", AddressText.ip(p.buf, p.srcAddrOffset, p.addrLength));
    assertEquals("198.51.100.200", AddressText.ip(p.buf, p.dstAddrOffset, p.addrLength));
    assertEquals(17, p.ipProtocol);
    assertEquals(38, p.ipPayloadLength);
    assertEquals(ipOffset + 20, p.l4Offset);
    assertEquals(5353, p.srcPort);
    assertEquals(0xfffe, p.dstPort);
    assertEquals(30, p.l4PayloadLength);
  }

  private static void assertIpv6Udp(DecodedPacket p, int ipOffset) {
    assertEquals(0x86DD, p.ethType);
    assertEquals(6, p.ipVersion);
    assertEquals(ipOffset, p.ipOffset);
    assertEquals("2001:db8::10", AddressText.ip(p.buf, p.srcAddrOffset, p.addrLength));
    assertEquals("2001:db8:0:1::ff:1", AddressText.ip(p.buf, p.dstAddrOffset, p.addrLength));
    assertEquals(17, p.ipProtocol);
    assertEquals(38, p.ipPayloadLength);
    assertEquals(ipOffset + 40, p.l4Offset);
    assertEquals(5353, p.srcPort);
    assertEquals(30, p.l4PayloadLength);
  }

  private static void assertNothingAfterLink(DecodedPacket p) {
    assertEquals(0, p.ipVersion);
    assertEquals(-1, p.ipOffset);
    assertEquals(-1, p.srcAddrOffset);
    assertEquals(-1, p.ipProtocol);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.l4PayloadLength);
  }

  @Test
  void singleVlanTagBuiltByPcap4j() {
    byte[] frame = ethernet(EtherType.DOT1Q_VLAN_TAGGED_FRAMES, new Dot1qVlanTagPacket.Builder()
        .priority((byte) 5).cfi(false).vid((short) 100).type(EtherType.IPV4)
        .payloadBuilder(ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 30)))).build().getRawData();
    DecodedPacket p = decode(frame, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(1, p.vlanCount);
    assertEquals(100, p.vlanIds[0]);
    assertEquals(0, p.dstMacOffset);
    assertEquals(6, p.srcMacOffset);
    assertIpv4Udp(p, 18);
  }

  @Test
  void qinqAndLegacyOuterTags() {
    byte[] qinq = concat(MACS, hex("88a8 0064 8100 a0c8 0800"), IPV4_UDP);
    DecodedPacket p = decode(qinq, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(2, p.vlanCount);
    assertEquals(100, p.vlanIds[0]);
    assertEquals(200, p.vlanIds[1]);
    assertIpv4Udp(p, 22);

    byte[] legacy = concat(MACS, hex("9100 0fff 8100 0001 86dd"), IPV6_UDP);
    p = decode(legacy, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(2, p.vlanCount);
    assertEquals(4095, p.vlanIds[0]);
    assertEquals(1, p.vlanIds[1]);
    assertIpv6Udp(p, 22);
  }

  @Test
  void moreTagsThanKeptAreAllCounted() {
    byte[] tags = new byte[0];
    for (int i = 1; i <= 10; i++) {
      tags = concat(tags, hex("8100"), new byte[] {0, (byte) i});
    }
    byte[] frame = concat(MACS, tags, hex("0800"), IPV4_UDP);
    DecodedPacket p = decode(frame, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(10, p.vlanCount);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, p.vlanIds);
    assertIpv4Udp(p, 12 + 40 + 2);
  }

  @Test
  void mplsStackThenIpGuessedFromTheNibble() {
    // label 0x12345, TC 0, not bottom, TTL 64; label 300, TC 0, bottom of stack, TTL 63
    byte[] frame = concat(MACS, hex("8847 12345040 0012c13f"), IPV4_UDP);
    DecodedPacket p = decode(frame, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(2, p.mplsCount);
    assertEquals(0x12345, p.mplsLabels[0]);
    assertEquals(300, p.mplsLabels[1]);
    assertEquals(0, p.vlanCount);
    assertIpv4Udp(p, 22);

    byte[] taggedMulticast = concat(MACS, hex("8100 0007 8848 00001140"), IPV6_UDP);
    p = decode(taggedMulticast, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(1, p.vlanCount);
    assertEquals(7, p.vlanIds[0]);
    assertEquals(1, p.mplsCount);
    assertEquals(1, p.mplsLabels[0]);
    assertIpv6Udp(p, 22);

    // a pseudowire control word (first nibble 0) then an Ethernet frame: not IP
    byte[] pseudowire = concat(MACS, hex("8847 00010140 00000000"), MACS, hex("0800"), IPV4_UDP);
    p = decode(pseudowire, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(1, p.mplsCount);
    assertEquals(16, p.mplsLabels[0]);
    assertEquals(0x8847, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void pppoeSessionCarriesIpv4AndIpv6() {
    byte[] v6 = concat(MACS, hex("8864 11 00 1234 002a 0057"), IPV6_UDP);
    assertIpv6Udp(decode(v6, PacketDecoder.LINKTYPE_ETHERNET), 22);
    byte[] v4 = concat(MACS, hex("8864 11 00 1234 0028 0021"), IPV4_UDP);
    assertIpv4Udp(decode(v4, PacketDecoder.LINKTYPE_ETHERNET), 22);

    byte[] lcp = concat(MACS, hex("8864 11 00 1234 0006 c021 01010004"));
    DecodedPacket p = decode(lcp, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(0x8864, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void linuxCookedV1() {
    byte[] sll = concat(hex("0000 0001 0006 0a1b2c3d4e5f0000 0800"), IPV4_UDP);
    DecodedPacket p = decode(sll, PacketDecoder.LINKTYPE_LINUX_SLL);
    assertEquals(-1, p.dstMacOffset);
    assertEquals(6, p.srcMacOffset);
    assertEquals("0a:1b:2c:3d:4e:5f", AddressText.mac(sll, p.srcMacOffset));
    assertIpv4Udp(p, 16);

    byte[] tagged = concat(hex("0004 0001 0006 0a1b2c3d4e5f0000 8100 0064 86dd"), IPV6_UDP);
    p = decode(tagged, PacketDecoder.LINKTYPE_LINUX_SLL);
    assertEquals(1, p.vlanCount);
    assertEquals(100, p.vlanIds[0]);
    assertIpv6Udp(p, 20);

    byte[] arp = new ArpPacket.Builder().hardwareType(ArpHardwareType.ETHERNET).protocolType(EtherType.IPV4)
        .hardwareAddrLength((byte) 6).protocolAddrLength((byte) 4).operation(ArpOperation.REQUEST)
        .srcHardwareAddr(TestFrames.SRC_MAC).srcProtocolAddr(SRC_V4)
        .dstHardwareAddr(TestFrames.DST_MAC).dstProtocolAddr(DST_V4).build().getRawData();
    p = decode(concat(hex("0001 0001 0006 0a1b2c3d4e5f0000 0806"), arp), PacketDecoder.LINKTYPE_LINUX_SLL);
    assertEquals(0x0806, p.ethType);
    assertEquals(1, p.arpOp);
    assertEquals(16 + 14, p.srcAddrOffset);
    assertEquals(16 + 24, p.dstAddrOffset);

    // an IP-over-GRE tunnel device: 4-byte link address, no MAC
    byte[] gre = concat(hex("0000 030a 0004 c000020100000000 0800"), IPV4_UDP);
    p = decode(gre, PacketDecoder.LINKTYPE_LINUX_SLL);
    assertEquals(-1, p.srcMacOffset);
    assertIpv4Udp(p, 16);

    byte[] netlink = concat(hex("0004 0338 0000 0000000000000000 0000"), new byte[20]);
    p = decode(netlink, PacketDecoder.LINKTYPE_LINUX_SLL);
    assertEquals(-1, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void linuxCookedV2() {
    byte[] sll2 = concat(hex("86dd 0000 00000002 0001 04 06 0a1b2c3d4e5f0000"), IPV6_UDP);
    DecodedPacket p = decode(sll2, PacketDecoder.LINKTYPE_LINUX_SLL2);
    assertEquals(-1, p.dstMacOffset);
    assertEquals(12, p.srcMacOffset);
    assertIpv6Udp(p, 20);

    byte[] tagged = concat(hex("8100 0000 00000002 0001 00 06 0a1b2c3d4e5f0000 0123 0800"), IPV4_UDP);
    p = decode(tagged, PacketDecoder.LINKTYPE_LINUX_SLL2);
    assertEquals(1, p.vlanCount);
    assertEquals(0x123, p.vlanIds[0]);
    assertIpv4Udp(p, 24);
  }

  @Test
  void bsdNullFamilyInEitherByteOrder() {
    assertIpv4Udp(decode(concat(hex("02000000"), IPV4_UDP), PacketDecoder.LINKTYPE_NULL), 4);
    assertIpv4Udp(decode(concat(hex("00000002"), IPV4_UDP), PacketDecoder.LINKTYPE_NULL), 4);
    for (String family : new String[] {"18000000", "1c000000", "1e000000", "0000001e"}) {
      assertIpv6Udp(decode(concat(hex(family), IPV6_UDP), PacketDecoder.LINKTYPE_NULL), 4);
    }
    DecodedPacket p = decode(concat(hex("07000000"), IPV4_UDP), PacketDecoder.LINKTYPE_NULL);
    assertEquals(-1, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void loopFamilyIsInNetworkOrderOnly() {
    assertIpv4Udp(decode(concat(hex("00000002"), IPV4_UDP), PacketDecoder.LINKTYPE_LOOP), 4);
    assertIpv6Udp(decode(concat(hex("00000018"), IPV6_UDP), PacketDecoder.LINKTYPE_LOOP), 4);
    DecodedPacket p = decode(concat(hex("02000000"), IPV4_UDP), PacketDecoder.LINKTYPE_LOOP);
    assertEquals(-1, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void rawIpByVersionNibble() {
    for (int linkType : new int[] {PacketDecoder.LINKTYPE_RAW, 12, 14}) {
      assertIpv4Udp(decode(IPV4_UDP, linkType), 0);
      assertIpv6Udp(decode(IPV6_UDP, linkType), 0);
      byte[] notIp = IPV4_UDP.clone();
      notIp[0] = 0x55;
      DecodedPacket p = decode(notIp, linkType);
      assertEquals(-1, p.ethType);
      assertNothingAfterLink(p);
    }
  }

  @Test
  void ipv4AndIpv6LinkTypes() {
    assertIpv4Udp(decode(IPV4_UDP, PacketDecoder.LINKTYPE_IPV4), 0);
    assertIpv6Udp(decode(IPV6_UDP, PacketDecoder.LINKTYPE_IPV6), 0);
    DecodedPacket p = decode(IPV6_UDP, PacketDecoder.LINKTYPE_IPV4);
    assertEquals(0x0800, p.ethType);
    assertNothingAfterLink(p);
  }

  @Test
  void otherLinkTypesDecodeNothing() {
    byte[] frame = concat(MACS, hex("0800"), IPV4_UDP);
    for (int linkType : new int[] {105, 127, 147, 10, -1}) {
      DecodedPacket p = decode(frame, linkType);
      assertEquals(frame, p.buf);
      assertEquals(-1, p.dstMacOffset);
      assertEquals(-1, p.srcMacOffset);
      assertEquals(-1, p.ethType);
      assertNothingAfterLink(p);
    }
  }

  @Test
  void offsetIntoALargerBufferIsHonoured() {
    byte[] frame = concat(MACS, hex("0800"), IPV4_UDP);
    byte[] buffer = new byte[frame.length + 100];
    Arrays.fill(buffer, (byte) 0x45);
    System.arraycopy(frame, 0, buffer, 37, frame.length);
    DecodedPacket p = new DecodedPacket();
    PacketDecoder.decode(buffer, 37, frame.length, PacketDecoder.LINKTYPE_ETHERNET, p);
    assertEquals(buffer, p.buf);
    assertEquals(37, p.dstMacOffset);
    assertEquals(43, p.srcMacOffset);
    assertIpv4Udp(p, 37 + 14);
  }
}
