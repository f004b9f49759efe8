package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.concat;
import static org.nexusflowmeter.pcap.decode.TestFrames.decode;
import static org.nexusflowmeter.pcap.decode.TestFrames.hex;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv4;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv6;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import org.junit.jupiter.api.Test;
import org.pcap4j.packet.namednumber.IpNumber;

/**
 * PPP (LINKTYPE_PPP, LINKTYPE_PPP_HDLC), Cisco HDLC (LINKTYPE_C_HDLC and NetBSD's 112) and Cisco FabricPath,
 * from raw bytes: every field of the UDP packet inside at every captured length. The framings accepted are
 * those tshark 4 decodes (checked by hand on crafted captures and on the corpus files).
 */
class PppHdlcFabricPathDecodeTest {
  private static final int PPP = PacketDecoder.LINKTYPE_PPP;
  private static final int PPP_HDLC = PacketDecoder.LINKTYPE_PPP_HDLC;
  private static final int C_HDLC = PacketDecoder.LINKTYPE_C_HDLC;
  private static final byte[] IPV4_UDP = ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 30)).build().getRawData();
  private static final byte[] IPV6_UDP = ipv6(IpNumber.UDP, udp(SRC_V6, DST_V6, 30)).build().getRawData();
  /** Outer FabricPath header as in nfstream/ajp.pcap: switch 0xabd from switch 0xabc, FTag 256, TTL 32. */
  private static final String FABRICPATH_HEADER = "020abd000000 020abc000000 8903 4020";
  private static final String INNER_MACS = "005056835d58 005056838ef3";
  private static final String FCS = "01030307";

  /** The link header before the IP packet is `ipAt` bytes long and says `type` from `typeFrom` bytes on. */
  private static void assertEveryCut(byte[] frame, int linkType, int ipAt, int typeFrom, int type) {
    DecodedPacket p = new DecodedPacket();
    boolean v4 = frame.length - ipAt == IPV4_UDP.length;
    int src = ipAt + (v4 ? 12 : 8);
    int dst = ipAt + (v4 ? 16 : 24);
    int udp = ipAt + (v4 ? 20 : 40);
    for (int length = 0; length <= frame.length; length++) {
      PacketDecoder.decode(frame, 0, length, linkType, p);
      String at = "captured length " + length;
      assertEquals(-1, p.dstMacOffset, at);
      assertEquals(-1, p.srcMacOffset, at);
      assertEquals(length >= typeFrom ? type : -1, p.ethType, at);
      assertEquals(length > ipAt ? (v4 ? 4 : 6) : 0, p.ipVersion, at);
      assertEquals(length > ipAt ? ipAt : -1, p.ipOffset, at);
      assertEquals(length >= dst ? src : -1, p.srcAddrOffset, at);
      assertEquals(length >= dst + (v4 ? 4 : 16) ? dst : -1, p.dstAddrOffset, at);
      assertEquals(length >= udp + 2 ? 5353 : -1, p.srcPort, at);
      assertEquals(length >= udp + 4 ? 0xfffe : -1, p.dstPort, at);
      assertEquals(length >= udp + 6 ? 30 : -1, p.l4PayloadLength, at);
      assertEquals(length > udp ? udp : -1, p.l4Offset, at);
    }
    assertEquals(17, p.ipProtocol);
    assertEquals(38, p.ipPayloadLength);
    String srcText = AddressText.ip(frame, p.srcAddrOffset, p.addrLength);
    String dstText = AddressText.ip(frame, p.dstAddrOffset, p.addrLength);
    assertEquals(v4 ? "192.0.2.10" : "2001:db8::10", srcText);
    assertEquals(v4 ? "198.51.100.200" : "2001:db8:0:1::ff:1", dstText);
  }

  @Test
  void pppWithAddressAndControl() {
    assertEveryCut(concat(hex("ff 03 0021"), IPV4_UDP), PPP, 4, 4, 0x0800);
    assertEveryCut(concat(hex("ff 03 0057"), IPV6_UDP), PPP_HDLC, 4, 4, 0x86DD);
  }

  @Test
  void pppWithoutAddressAndControl() {
    // nfstream/dlt_ppp.pcap starts its frame with 00 21 45
    assertEveryCut(concat(hex("0021"), IPV4_UDP), PPP, 2, 2, 0x0800);
    assertEveryCut(concat(hex("0057"), IPV6_UDP), PPP_HDLC, 2, 2, 0x86DD);
  }

  @Test
  void pppProtocolFieldCompression() {
    assertEveryCut(concat(hex("21"), IPV4_UDP), PPP, 1, 1, 0x0800);
    assertEveryCut(concat(hex("ff 03 57"), IPV6_UDP), PPP, 3, 3, 0x86DD);
  }

  @Test
  void pppAddressIsEnoughWhateverTheControlByte() {
    // tshark skips two bytes after an 0xFF address without checking the control byte
    assertEveryCut(concat(hex("ff 05 0021"), IPV4_UDP), PPP, 4, 4, 0x0800);
  }

  @Test
  void ciscoHdlcFramingOnAPppLink() {
    // nfstream/BGP_Cisco_hdlc_slarp.pcap: LINKTYPE_PPP frames starting 0f 00 08 00 45
    assertEveryCut(concat(hex("0f 00 0800"), IPV4_UDP), PPP, 4, 4, 0x0800);
    assertEveryCut(concat(hex("8f 00 86dd"), IPV6_UDP), PPP_HDLC, 4, 4, 0x86DD);
  }

  @Test
  void ciscoHdlcLinks() {
    assertEveryCut(concat(hex("0f 00 0800"), IPV4_UDP), C_HDLC, 4, 4, 0x0800);
    assertEveryCut(concat(hex("8f 00 86dd"), IPV6_UDP), PacketDecoder.LINKTYPE_NETBSD_HDLC, 4, 4, 0x86DD);
    // tshark's Cisco HDLC dissector checks neither address nor control
    assertEveryCut(concat(hex("ff 03 0800"), IPV4_UDP), C_HDLC, 4, 4, 0x0800);
  }

  @Test
  void ciscoHdlcCarryingMpls() {
    // nfstream/BGP_redist.pcap frame 1: 0f 00 8847, label 18, bottom of stack, TTL 254
    DecodedPacket p = decode(concat(hex("0f 00 8847 00012dfe"), IPV4_UDP), C_HDLC);
    assertEquals(1, p.mplsCount);
    assertEquals(18, p.mplsLabels[0]);
    assertEquals(0x0800, p.ethType);
    assertEquals(8, p.ipOffset);
    assertEquals(28, p.l4Offset);
    assertEquals(5353, p.srcPort);
  }

  @Test
  void mplsOverPppAndPppoe() {
    // tcpdump/mpls-traceroute.pcap: ff 03 0281, label 0x18960, bottom of stack, TTL 1
    DecodedPacket p = decode(concat(hex("ff 03 0281 18960101"), IPV4_UDP), PPP);
    assertEquals(1, p.mplsCount);
    assertEquals(0x18960, p.mplsLabels[0]);
    assertEquals(0x0800, p.ethType);
    assertEquals(8, p.ipOffset);
    assertEquals(0xfffe, p.dstPort);

    p = decode(concat(hex("0283 00012dfe"), IPV6_UDP), PPP_HDLC);
    assertEquals(1, p.mplsCount);
    assertEquals(18, p.mplsLabels[0]);
    assertEquals(0x86DD, p.ethType);
    assertEquals(6, p.ipOffset);

    byte[] pppoe = concat(hex("02005e100001 0a1b2c3d4e5f 8864 11 00 1234 002e 0281 00012dfe"), IPV4_UDP);
    p = decode(pppoe, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(1, p.mplsCount);
    assertEquals(0x0800, p.ethType);
    assertEquals(26, p.ipOffset);
    assertEquals(5353, p.srcPort);

    p = decode(hex("ff 03 0281 000121"), PPP); // cut inside the label
    assertEquals(0x8847, p.ethType);
    assertEquals(0, p.mplsCount);
  }

  @Test
  void framesThatCarryNoIp() {
    assertNoIp(decode(hex("ff 03 c021 01010004"), PPP), -1); // LCP
    assertNoIp(decode(concat(hex("8021 01010004"), IPV4_UDP), PPP), -1); // IPCP
    assertNoIp(decode(concat(hex("23"), IPV4_UDP), PPP), -1); // compressed, but not IP
    assertNoIp(decode(concat(hex("8f 00 8035 00000000"), IPV4_UDP), C_HDLC), 0x8035); // SLARP
    assertNoIp(decode(concat(hex("0f 00 8035 00000000"), IPV4_UDP), PPP), 0x8035);
    assertNoIp(decode(concat(hex("ff 03 0021"), IPV4_UDP), C_HDLC), 0x0021); // PPP read as Cisco HDLC
  }

  private static void assertNoIp(DecodedPacket p, int ethType) {
    assertEquals(ethType, p.ethType);
    assertEquals(0, p.ipVersion);
    assertEquals(-1, p.ipOffset);
    assertEquals(-1, p.srcAddrOffset);
    assertEquals(-1, p.srcPort);
    assertEquals(-1, p.dstMacOffset);
  }

  @Test
  void fabricPathAtEveryCut() {
    byte[] frame = concat(hex(FABRICPATH_HEADER + INNER_MACS + "8100 0007 0800"), IPV4_UDP, hex(FCS));
    int ipAt = 16 + 12 + 6;
    DecodedPacket p = new DecodedPacket();
    for (int length = 0; length <= frame.length; length++) {
      PacketDecoder.decode(frame, 0, length, PacketDecoder.LINKTYPE_ETHERNET, p);
      String at = "captured length " + length;
      int inner = length - 4; // the last 4 captured bytes are the FCS
      assertEquals(inner >= 28 ? 16 : length >= 6 ? 0 : -1, p.dstMacOffset, at);
      assertEquals(inner >= 28 ? 22 : length >= 12 ? 6 : -1, p.srcMacOffset, at);
      int type = length < 14 ? -1 : inner < 30 ? 0x8903 : inner < 34 ? 0x8100 : 0x0800;
      assertEquals(type, p.ethType, at);
      assertEquals(inner >= 32 ? 1 : 0, p.vlanCount, at);
      assertEquals(inner > ipAt ? ipAt : -1, p.ipOffset, at);
      assertEquals(inner >= ipAt + 20 ? ipAt + 16 : -1, p.dstAddrOffset, at);
      assertEquals(inner >= ipAt + 24 ? 0xfffe : -1, p.dstPort, at);
      assertEquals(inner >= ipAt + 26 ? 30 : -1, p.l4PayloadLength, at);
    }
    assertEquals(7, p.vlanIds[0]);
    assertEquals("00:50:56:83:5d:58", AddressText.mac(frame, p.dstMacOffset));
    assertEquals("00:50:56:83:8e:f3", AddressText.mac(frame, p.srcMacOffset));
    assertEquals("192.0.2.10", AddressText.ip(frame, p.srcAddrOffset, p.addrLength));
    assertEquals(5353, p.srcPort);
    assertEquals(38, p.ipPayloadLength);
  }

  @Test
  void fabricPathInsideFabricPathIsNotFollowed() {
    byte[] frame = concat(hex(FABRICPATH_HEADER + INNER_MACS + "8903 4020" + INNER_MACS + "0800"), IPV4_UDP,
        hex(FCS + FCS));
    DecodedPacket p = decode(frame, PacketDecoder.LINKTYPE_ETHERNET);
    assertEquals(0x8903, p.ethType);
    assertEquals(16, p.dstMacOffset);
    assertEquals(0, p.ipVersion);
    assertEquals(-1, p.srcPort);
  }
}
