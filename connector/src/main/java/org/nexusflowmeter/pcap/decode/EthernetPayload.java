package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u32;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * What follows an EtherType field (Ethernet, Cisco HDLC, or the protocol field of Linux cooked headers): VLAN
 * tags, an MPLS label stack, a PPPoE session header or a Cisco FabricPath header with the inner Ethernet frame,
 * then the network layer. {@link DecodedPacket#ethType} ends as the innermost EtherType the captured bytes reach.
 */
final class EthernetPayload {
  private EthernetPayload() {}

  private static final int PPPOE_VERSION_TYPE = 0x11;
  private static final int PPPOE_SESSION_DATA = 0x00;
  private static final int PPPOE_HEADER_LENGTH = 6;
  private static final int MPLS_ENTRY_LENGTH = 4;
  /** FabricPath header after the outer EtherType: FTag (10 bits) and TTL (6 bits). */
  private static final int FABRICPATH_FTAG_TTL_LENGTH = 2;
  private static final int INNER_MACS_LENGTH = 12;
  /** Wireshark takes the last 4 bytes of a FabricPath frame as its FCS and leaves them out of the inner frame. */
  private static final int FABRICPATH_FCS_LENGTH = 4;

  /** type: the EtherType read just before p; p: first byte after it; end: exclusive end of captured bytes. */
  static void decode(byte[] b, int type, int p, int end, DecodedPacket out) {
    decode(b, type, p, end, true, out);
  }

  /** fabricPathAllowed: false inside a FabricPath frame, so that nested headers cannot recurse without bound. */
  private static void decode(byte[] b, int type, int p, int end, boolean fabricPathAllowed, DecodedPacket out) {
    out.ethType = type;
    // A tag is TCI (2 bytes) then the next EtherType (2 bytes).
    while (EtherTypes.isVlanTag(type)) {
      if (end - p < 2) {
        return;
      }
      if (out.vlanCount < DecodedPacket.MAX_TAGS) {
        out.vlanIds[out.vlanCount] = u16(b, p) & 0x0fff;
      }
      out.vlanCount++;
      if (end - p < 4) {
        return;
      }
      type = u16(b, p + 2);
      p += 4;
      out.ethType = type;
    }
    if (type == EtherTypes.MPLS_UNICAST || type == EtherTypes.MPLS_MULTICAST) {
      mplsStack(b, p, end, out);
    } else if (type == EtherTypes.PPPOE_SESSION) {
      pppoeSession(b, p, end, out);
    } else if (type == EtherTypes.FABRICPATH && fabricPathAllowed) {
      fabricPath(b, p, end, out);
    } else {
      EtherTypes.decodePayload(b, type, p, end, out);
    }
  }

  /**
   * MPLS carries no payload type: after the bottom-of-stack label the first nibble is taken as the IP
   * version, as tcpdump and Wireshark do. A payload that is not IP keeps ethType at the MPLS EtherType.
   */
  private static void mplsStack(byte[] b, int p, int end, DecodedPacket out) {
    while (end - p >= MPLS_ENTRY_LENGTH) {
      long entry = u32(b, p);
      if (out.mplsCount < DecodedPacket.MAX_TAGS) {
        out.mplsLabels[out.mplsCount] = (int) (entry >>> 12);
      }
      out.mplsCount++;
      p += MPLS_ENTRY_LENGTH;
      boolean bottomOfStack = (entry & 0x100) != 0;
      if (bottomOfStack) {
        if (end - p < 1) {
          return;
        }
        int guessed = EtherTypes.fromIpVersionNibble(u8(b, p));
        if (guessed >= 0) {
          out.ethType = guessed;
          EtherTypes.decodePayload(b, guessed, p, end, out);
        }
        return;
      }
    }
  }

  /** PPPoE session stage (RFC 2516): 6-byte header, then the 2-byte PPP protocol (IP or MPLS followed). */
  private static void pppoeSession(byte[] b, int p, int end, DecodedPacket out) {
    if (end - p < PPPOE_HEADER_LENGTH + 2
        || u8(b, p) != PPPOE_VERSION_TYPE
        || u8(b, p + 1) != PPPOE_SESSION_DATA) {
      return;
    }
    int type = PppDecoder.etherTypeOf(u16(b, p + PPPOE_HEADER_LENGTH));
    if (type >= 0) {
      decode(b, type, p + PPPOE_HEADER_LENGTH + 2, end, out);
    }
  }

  /**
   * Cisco FabricPath: after the outer MACs and EtherType 0x8903, the FTag/TTL field, then the whole inner
   * Ethernet frame and the FCS. The MACs become the inner ones (as Wireshark's eth.src / eth.dst) once both
   * are captured; the FCS is left out as Wireshark does, which assumes the capture reaches the frame's end.
   */
  private static void fabricPath(byte[] b, int p, int end, DecodedPacket out) {
    int inner = p + FABRICPATH_FTAG_TTL_LENGTH;
    int innerEnd = end - FABRICPATH_FCS_LENGTH;
    if (innerEnd - inner < INNER_MACS_LENGTH) {
      return;
    }
    out.dstMacOffset = inner;
    out.srcMacOffset = inner + INNER_MACS_LENGTH / 2;
    if (innerEnd - inner < INNER_MACS_LENGTH + 2) {
      return;
    }
    decode(b, u16(b, inner + INNER_MACS_LENGTH), inner + INNER_MACS_LENGTH + 2, innerEnd, false, out);
  }
}
