package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * PPP frames of LINKTYPE_PPP and LINKTYPE_PPP_HDLC, read the way Wireshark's PPP dissector reads them: a first
 * byte of a Cisco HDLC address means Cisco HDLC framing on the PPP link; a first byte 0xFF is the HDLC address,
 * followed by a control byte (not checked); then the PPP protocol field.
 */
final class PppDecoder {
  private PppDecoder() {}

  private static final int PPP_IPV4 = 0x0021;
  private static final int PPP_IPV6 = 0x0057;
  private static final int PPP_MPLS_UNICAST = 0x0281;
  private static final int PPP_MPLS_MULTICAST = 0x0283;
  private static final int HDLC_ALL_STATIONS = 0xFF;
  private static final int ADDRESS_AND_CONTROL_LENGTH = 2;
  /** Protocol-field compression (RFC 1661 6.5): an odd first byte is the whole protocol number. */
  private static final int PFC_LOW_BIT = 0x01;

  static void link(byte[] b, int start, int end, DecodedPacket out) {
    if (end - start < 1) {
      return;
    }
    int first = u8(b, start);
    if (CiscoHdlcDecoder.isAddress(first)) {
      CiscoHdlcDecoder.decode(b, start, end, out);
      return;
    }
    int p = first == HDLC_ALL_STATIONS ? start + ADDRESS_AND_CONTROL_LENGTH : start;
    if (end - p < 1) {
      return;
    }
    int protocol;
    if ((u8(b, p) & PFC_LOW_BIT) != 0) {
      protocol = u8(b, p);
      p += 1;
    } else {
      if (end - p < 2) {
        return;
      }
      protocol = u16(b, p);
      p += 2;
    }
    int type = etherTypeOf(protocol);
    if (type >= 0) {
      EthernetPayload.decode(b, type, p, end, out);
    }
  }

  /** The EtherType of a PPP protocol number for the layers decoded here (IP, MPLS); -1 for any other. */
  static int etherTypeOf(int pppProtocol) {
    switch (pppProtocol) {
      case PPP_IPV4:
        return EtherTypes.IPV4;
      case PPP_IPV6:
        return EtherTypes.IPV6;
      case PPP_MPLS_UNICAST:
        return EtherTypes.MPLS_UNICAST;
      case PPP_MPLS_MULTICAST:
        return EtherTypes.MPLS_MULTICAST;
      default:
        return -1;
    }
  }
}
