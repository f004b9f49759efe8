package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * IPv4 header (RFC 791). Fields are read in header order and decoding stops at the first one the capture
 * does not hold, so a field is present exactly when its bytes are.
 */
final class Ipv4Decoder {
  private Ipv4Decoder() {}

  private static final int MIN_HEADER_LENGTH = 20;

  static void decode(byte[] b, int p, int end, DecodedPacket out) {
    int avail = end - p;
    if (avail < 1 || u8(b, p) >>> 4 != 4) {
      return;
    }
    out.ipVersion = 4;
    out.ipOffset = p;
    int headerLength = (u8(b, p) & 0x0f) * 4;
    if (headerLength < MIN_HEADER_LENGTH) {
      return;
    }
    out.ipHeaderLength = headerLength;
    if (avail < 2) {
      return;
    }
    out.ipDsField = u8(b, p + 1);
    if (avail < 4) {
      return;
    }
    int totalLength = u16(b, p + 2);
    boolean lengthValid = true;
    if (totalLength == 0) {
      // Segmentation offload (TSO, BIG TCP) hands the capture a super-packet whose total length is 0: the
      // captured bytes are then the only length there is (as Wireshark does). A snaplen cut shortens it.
      if (avail >= headerLength) {
        out.ipPayloadLength = avail - headerLength;
      }
    } else if (totalLength >= headerLength) {
      out.ipPayloadLength = totalLength - headerLength;
    } else {
      lengthValid = false;
    }
    if (avail < 6) {
      return;
    }
    out.ipId = u16(b, p + 4);
    if (avail < 8) {
      return;
    }
    int flagsAndOffset = u16(b, p + 6);
    out.dontFragment = (flagsAndOffset & 0x4000) != 0;
    out.moreFragments = (flagsAndOffset & 0x2000) != 0;
    out.fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
    if (avail < 9) {
      return;
    }
    out.ttl = u8(b, p + 8);
    if (avail < 10) {
      return;
    }
    out.ipProtocol = u8(b, p + 9);
    if (avail < 16) {
      return;
    }
    out.srcAddrOffset = p + 12;
    out.addrLength = 4;
    if (avail < 20) {
      return;
    }
    out.dstAddrOffset = p + 16;
    // A total length shorter than the header leaves no telling where the transport header ends (Wireshark
    // stops there too).
    if (lengthValid) {
      TransportDecoder.decode(b, p + headerLength, end, out);
    }
  }
}
