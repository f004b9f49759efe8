package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u32;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * The header directly after the IP header(s) of a first (or only) fragment. Fields are read in header
 * order and decoding stops at the first the capture does not hold. Payload lengths come from the length
 * fields ({@link DecodedPacket#ipPayloadLength}), never from the captured length.
 */
final class TransportDecoder {
  private TransportDecoder() {}

  private static final int ICMP = 1;
  private static final int TCP = 6;
  private static final int UDP = 17;
  private static final int ICMPV6 = 58;
  private static final int SCTP = 132;

  private static final int TCP_MIN_HEADER_LENGTH = 20;
  private static final int UDP_HEADER_LENGTH = 8;
  private static final int ICMP_HEADER_LENGTH = 8;
  private static final int SCTP_COMMON_HEADER_LENGTH = 12;

  /** p: first byte after the IP header(s); reads ipProtocol, ipPayloadLength and fragmentOffset from out. */
  static void decode(byte[] b, int p, int end, DecodedPacket out) {
    int ipPayload = out.ipPayloadLength;
    if (out.fragmentOffset != 0) {
      out.l4PayloadLength = ipPayload;
      return;
    }
    switch (out.ipProtocol) {
      case TCP:
        tcp(b, p, end, ipPayload, out);
        break;
      case UDP:
        udp(b, p, end, ipPayload, out);
        break;
      case SCTP:
        out.l4PayloadLength = lengthAfter(ipPayload, SCTP_COMMON_HEADER_LENGTH);
        ports(b, p, end, out);
        break;
      case ICMP:
      case ICMPV6:
        out.l4PayloadLength = lengthAfter(ipPayload, ICMP_HEADER_LENGTH);
        icmp(b, p, end, out);
        break;
      default:
        out.l4PayloadLength = ipPayload;
        if (end - p >= 1) {
          out.l4Offset = p;
        }
        break;
    }
  }

  private static void tcp(byte[] b, int p, int end, int ipPayload, DecodedPacket out) {
    int avail = end - p;
    if (!ports(b, p, end, out)) {
      return;
    }
    if (avail < 8) {
      return;
    }
    out.tcpSeq = u32(b, p + 4);
    if (avail < 12) {
      return;
    }
    out.tcpAck = u32(b, p + 8);
    if (avail < 13) {
      return;
    }
    int headerLength = (u8(b, p + 12) >>> 4) * 4;
    if (headerLength < TCP_MIN_HEADER_LENGTH) {
      return;
    }
    out.tcpHeaderLength = headerLength;
    out.l4PayloadLength = lengthAfter(ipPayload, headerLength);
    if (avail < 14) {
      return;
    }
    out.tcpFlags = (u8(b, p + 12) & 0x01) << 8 | u8(b, p + 13);
    if (avail < 16) {
      return;
    }
    out.tcpWindow = u16(b, p + 14);
  }

  /**
   * The UDP length field gives the payload when it is consistent (8 up to the IP payload). It is 0 in
   * RFC 2675 jumbograms and in offloaded (GSO) super-packets, and it can be corrupt; the IP payload length
   * then stands in for it.
   */
  private static void udp(byte[] b, int p, int end, int ipPayload, DecodedPacket out) {
    if (!ports(b, p, end, out) || end - p < 6) {
      return;
    }
    int udpLength = u16(b, p + 4);
    if (udpLength >= UDP_HEADER_LENGTH && (ipPayload < 0 || udpLength <= ipPayload)) {
      out.l4PayloadLength = udpLength - UDP_HEADER_LENGTH;
    } else {
      out.l4PayloadLength = lengthAfter(ipPayload, UDP_HEADER_LENGTH);
    }
  }

  private static void icmp(byte[] b, int p, int end, DecodedPacket out) {
    int avail = end - p;
    if (avail < 1) {
      return;
    }
    out.l4Offset = p;
    out.icmpType = u8(b, p);
    if (avail < 2) {
      return;
    }
    out.icmpCode = u8(b, p + 1);
  }

  /** Source and destination ports, the first four bytes of TCP, UDP and SCTP; true when both were read. */
  private static boolean ports(byte[] b, int p, int end, DecodedPacket out) {
    int avail = end - p;
    if (avail < 1) {
      return false;
    }
    out.l4Offset = p;
    if (avail < 2) {
      return false;
    }
    out.srcPort = u16(b, p);
    if (avail < 4) {
      return false;
    }
    out.dstPort = u16(b, p + 2);
    return true;
  }

  /** ipPayload minus a header length, or -1 when the IP payload is unknown or shorter than the header. */
  private static int lengthAfter(int ipPayload, int headerLength) {
    return ipPayload >= headerLength ? ipPayload - headerLength : -1;
  }
}
