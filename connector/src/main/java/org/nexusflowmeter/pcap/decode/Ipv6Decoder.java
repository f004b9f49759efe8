package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u32;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * IPv6 header (RFC 8200) and the extension headers after it, walked while each fits in the captured
 * bytes. Fixed-header fields are read in order and decoding stops at the first the capture does not hold.
 */
final class Ipv6Decoder {
  private Ipv6Decoder() {}

  private static final int HEADER_LENGTH = 40;
  private static final int HOP_BY_HOP = 0;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int AUTHENTICATION = 51;
  private static final int DESTINATION_OPTIONS = 60;
  private static final int NO_NEXT_HEADER = 59;
  private static final int FRAGMENT_HEADER_LENGTH = 8;

  static void decode(byte[] b, int p, int end, DecodedPacket out) {
    int avail = end - p;
    if (avail < 1 || u8(b, p) >>> 4 != 6) {
      return;
    }
    out.ipVersion = 6;
    out.ipOffset = p;
    out.ipHeaderLength = HEADER_LENGTH;
    if (avail < 2) {
      return;
    }
    out.ipDsField = (u16(b, p) >>> 4) & 0xff;
    if (avail < 6) {
      return;
    }
    int payloadLength = u16(b, p + 4);
    if (payloadLength != 0) {
      out.ipPayloadLength = payloadLength;
    }
    if (avail < 7) {
      return;
    }
    out.ipProtocol = u8(b, p + 6);
    if (avail < 8) {
      return;
    }
    out.ttl = u8(b, p + 7);
    if (avail < 24) {
      return;
    }
    out.srcAddrOffset = p + 8;
    out.addrLength = 16;
    if (avail < HEADER_LENGTH) {
      return;
    }
    out.dstAddrOffset = p + 24;
    out.fragmentOffset = 0;
    walkExtensionHeaders(b, p, end, payloadLength, out);
  }

  /**
   * Follows the next-header chain from the fixed header. It stops at an upper-layer protocol (or ESP,
   * mobility, no-next-header, which end the chain), at a header the capture does not wholly hold (then no
   * transport is decoded, and ipProtocol names that header), or after the fragment header of a non-first
   * fragment, whose following bytes are fragment data.
   */
  private static void walkExtensionHeaders(byte[] b, int p, int end, int payloadLength, DecodedPacket out) {
    int q = p + HEADER_LENGTH;
    int next = u8(b, p + 6);
    long jumboLength = -1;
    boolean reachedUpperLayer = false;
    walk:
    while (true) {
      int extensionLength;
      switch (next) {
        case HOP_BY_HOP:
        case ROUTING:
        case DESTINATION_OPTIONS:
          if (end - q < 2) {
            break walk;
          }
          extensionLength = (u8(b, q + 1) + 1) * 8;
          break;
        case AUTHENTICATION:
          if (end - q < 2) {
            break walk;
          }
          extensionLength = (u8(b, q + 1) + 2) * 4;
          break;
        case FRAGMENT:
          extensionLength = FRAGMENT_HEADER_LENGTH;
          break;
        default:
          reachedUpperLayer = true;
          break walk;
      }
      if (end - q < extensionLength) {
        break;
      }
      if (next == HOP_BY_HOP && q == p + HEADER_LENGTH) {
        jumboLength = JumboPayloadOption.find(b, q + 2, q + extensionLength);
      }
      if (next == FRAGMENT) {
        int offsetAndFlags = u16(b, q + 2);
        out.fragmentOffset = offsetAndFlags & 0xfff8;
        out.moreFragments = (offsetAndFlags & 1) != 0;
        out.ipId = u32(b, q + 4);
      }
      next = u8(b, q);
      q += extensionLength;
      if (out.fragmentOffset != 0) {
        reachedUpperLayer = true;
        break;
      }
    }
    int extensionBytes = q - p - HEADER_LENGTH;
    out.ipProtocol = next;
    out.ipHeaderLength = HEADER_LENGTH + extensionBytes;
    long lengthAfterFixedHeader = lengthAfterFixedHeader(payloadLength, jumboLength, next, end - p);
    long ipPayload = lengthAfterFixedHeader - extensionBytes;
    out.ipPayloadLength = lengthAfterFixedHeader < 0 || ipPayload < 0 || ipPayload > Integer.MAX_VALUE
        ? -1 : (int) ipPayload;
    if (reachedUpperLayer) {
      TransportDecoder.decode(b, q, end, out);
    }
  }

  /**
   * The bytes after the 40-byte header. A payload length of 0 means a jumbogram (RFC 2675: the hop-by-hop
   * Jumbo Payload option holds the length) or an empty packet with no next header; otherwise it is a
   * segmentation-offload super-packet (Linux BIG TCP strips the jumbo option before the capture point), and
   * as for IPv4 the captured bytes are the only length there is. -1 when unknown.
   */
  private static long lengthAfterFixedHeader(int payloadLength, long jumboLength, int next, int captured) {
    if (payloadLength != 0) {
      return payloadLength;
    }
    if (jumboLength >= 0) {
      return jumboLength;
    }
    if (next == NO_NEXT_HEADER) {
      return 0;
    }
    return captured - HEADER_LENGTH;
  }
}
