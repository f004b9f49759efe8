package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u32;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/** Link-layer headers of the supported LINKTYPE_* values; each hands its payload on to the network layer. */
final class LinkDecoder {
  private LinkDecoder() {}

  private static final int ETHERNET_HEADER_LENGTH = 14;
  private static final int SLL_HEADER_LENGTH = 16;
  private static final int SLL2_HEADER_LENGTH = 20;
  private static final int MAC_LENGTH = 6;
  /** Cooked headers of netlink sockets carry a netlink family in the protocol field, not an EtherType. */
  private static final int ARPHRD_NETLINK = 824;

  // BSD address families of IPv4 and IPv6 (IPv6 differs between BSDs: 24 Net/OpenBSD, 28 FreeBSD, 30 Darwin).
  private static final int AF_INET = 2;
  private static final int AF_INET6_BSD = 24;
  private static final int AF_INET6_FREEBSD = 28;
  private static final int AF_INET6_DARWIN = 30;
  private static final int AF_HEADER_LENGTH = 4;

  static void ethernet(byte[] b, int start, int end, DecodedPacket out) {
    int avail = end - start;
    if (avail < MAC_LENGTH) {
      return;
    }
    out.dstMacOffset = start;
    if (avail < 2 * MAC_LENGTH) {
      return;
    }
    out.srcMacOffset = start + MAC_LENGTH;
    if (avail < ETHERNET_HEADER_LENGTH) {
      return;
    }
    EthernetPayload.decode(b, u16(b, start + 12), start + ETHERNET_HEADER_LENGTH, end, out);
  }

  /** LINKTYPE_LINUX_SLL: packet type, ARPHRD type, address length, 8-byte address field, protocol. */
  static void linuxSll(byte[] b, int start, int end, DecodedPacket out) {
    int avail = end - start;
    if (avail < 6) {
      return;
    }
    int arphrdType = u16(b, start + 2);
    if (u16(b, start + 4) == MAC_LENGTH && avail >= 6 + MAC_LENGTH) {
      out.srcMacOffset = start + 6;
    }
    if (avail < SLL_HEADER_LENGTH || arphrdType == ARPHRD_NETLINK) {
      return;
    }
    EthernetPayload.decode(b, u16(b, start + 14), start + SLL_HEADER_LENGTH, end, out);
  }

  /** LINKTYPE_LINUX_SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, address. */
  static void linuxSll2(byte[] b, int start, int end, DecodedPacket out) {
    int avail = end - start;
    if (avail < 12) {
      return;
    }
    int arphrdType = u16(b, start + 8);
    if (u8(b, start + 11) == MAC_LENGTH && avail >= 12 + MAC_LENGTH) {
      out.srcMacOffset = start + 12;
    }
    if (avail < SLL2_HEADER_LENGTH || arphrdType == ARPHRD_NETLINK) {
      return;
    }
    EthernetPayload.decode(b, u16(b, start), start + SLL2_HEADER_LENGTH, end, out);
  }

  /**
   * LINKTYPE_NULL holds the address family in the capturing host's byte order, LINKTYPE_LOOP in network
   * order; NULL is read both ways since the family values are small and cannot be confused.
   */
  static void bsdLoopback(byte[] b, int start, int end, boolean networkOrder, DecodedPacket out) {
    if (end - start < AF_HEADER_LENGTH) {
      return;
    }
    int family = (int) u32(b, start);
    int type = etherTypeOfFamily(family);
    if (type < 0 && !networkOrder) {
      type = etherTypeOfFamily(Integer.reverseBytes(family));
    }
    if (type >= 0) {
      out.ethType = type;
      EtherTypes.decodePayload(b, type, start + AF_HEADER_LENGTH, end, out);
    }
  }

  /** Bare IP: the version nibble says which. */
  static void rawIp(byte[] b, int start, int end, DecodedPacket out) {
    if (end - start < 1) {
      return;
    }
    int type = EtherTypes.fromIpVersionNibble(u8(b, start));
    if (type >= 0) {
      out.ethType = type;
      EtherTypes.decodePayload(b, type, start, end, out);
    }
  }

  /** LINKTYPE_IPV4 / LINKTYPE_IPV6: the link type itself says which IP version follows. */
  static void fixedIp(byte[] b, int start, int end, int type, DecodedPacket out) {
    out.ethType = type;
    EtherTypes.decodePayload(b, type, start, end, out);
  }

  private static int etherTypeOfFamily(int family) {
    switch (family) {
      case AF_INET:
        return EtherTypes.IPV4;
      case AF_INET6_BSD:
      case AF_INET6_FREEBSD:
      case AF_INET6_DARWIN:
        return EtherTypes.IPV6;
      default:
        return -1;
    }
  }
}
