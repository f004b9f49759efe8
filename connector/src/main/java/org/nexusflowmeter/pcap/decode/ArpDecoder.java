package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/**
 * ARP (RFC 826): the operation, and for IPv4 over 6-byte hardware addresses the sender and target protocol
 * addresses, which stand in for the IP addresses of the packet.
 */
final class ArpDecoder {
  private ArpDecoder() {}

  private static final int FIXED_LENGTH = 8;
  private static final int MAC_LENGTH = 6;
  private static final int IPV4_LENGTH = 4;
  private static final int SENDER_PROTOCOL_ADDRESS = FIXED_LENGTH + MAC_LENGTH;
  private static final int TARGET_PROTOCOL_ADDRESS = SENDER_PROTOCOL_ADDRESS + IPV4_LENGTH + MAC_LENGTH;

  static void decode(byte[] b, int p, int end, DecodedPacket out) {
    int avail = end - p;
    if (avail < FIXED_LENGTH) {
      return;
    }
    out.arpOp = u16(b, p + 6);
    boolean ipv4OverMac = u16(b, p + 2) == EtherTypes.IPV4
        && u8(b, p + 4) == MAC_LENGTH
        && u8(b, p + 5) == IPV4_LENGTH;
    if (!ipv4OverMac || avail < SENDER_PROTOCOL_ADDRESS + IPV4_LENGTH) {
      return;
    }
    out.srcAddrOffset = p + SENDER_PROTOCOL_ADDRESS;
    out.addrLength = IPV4_LENGTH;
    if (avail < TARGET_PROTOCOL_ADDRESS + IPV4_LENGTH) {
      return;
    }
    out.dstAddrOffset = p + TARGET_PROTOCOL_ADDRESS;
  }
}
