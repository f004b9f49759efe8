package org.nexusflowmeter.pcap.decode;

/** EtherType values the decoder acts on. */
final class EtherTypes {
  private EtherTypes() {}

  static final int IPV4 = 0x0800;
  static final int ARP = 0x0806;
  static final int IPV6 = 0x86DD;
  static final int VLAN = 0x8100;
  static final int QINQ = 0x88A8;
  /** Pre-standard 802.1ad outer tag still emitted by some switches. */
  static final int QINQ_LEGACY = 0x9100;
  static final int MPLS_UNICAST = 0x8847;
  static final int MPLS_MULTICAST = 0x8848;
  static final int PPPOE_SESSION = 0x8864;
  /** Cisco FabricPath (registered to Cisco as "DCE"). */
  static final int FABRICPATH = 0x8903;

  static boolean isVlanTag(int type) {
    return type == VLAN || type == QINQ || type == QINQ_LEGACY;
  }

  /** IPv4 or IPv6 EtherType from the version nibble of a first IP byte; -1 for any other nibble. */
  static int fromIpVersionNibble(int firstByte) {
    switch (firstByte >>> 4) {
      case 4:
        return IPV4;
      case 6:
        return IPV6;
      default:
        return -1;
    }
  }

  /** Hands the payload at p to the decoder of its EtherType; other types are not decoded further. */
  static void decodePayload(byte[] b, int type, int p, int end, DecodedPacket out) {
    switch (type) {
      case IPV4:
        Ipv4Decoder.decode(b, p, end, out);
        break;
      case IPV6:
        Ipv6Decoder.decode(b, p, end, out);
        break;
      case ARP:
        ArpDecoder.decode(b, p, end, out);
        break;
      default:
        break;
    }
  }
}
