package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u16;

/**
 * Cisco HDLC: address (0x0F unicast, 0x8F broadcast), control, then an EtherType. As in Wireshark's dissector,
 * neither address nor control is checked on a Cisco HDLC link; on a PPP link the address is what tells Cisco
 * HDLC from PPP.
 */
final class CiscoHdlcDecoder {
  private CiscoHdlcDecoder() {}

  private static final int ADDRESS_UNICAST = 0x0F;
  private static final int ADDRESS_BROADCAST = 0x8F;
  private static final int HEADER_LENGTH = 4;

  static boolean isAddress(int firstByte) {
    return firstByte == ADDRESS_UNICAST || firstByte == ADDRESS_BROADCAST;
  }

  static void decode(byte[] b, int start, int end, DecodedPacket out) {
    if (end - start < HEADER_LENGTH) {
      return;
    }
    EthernetPayload.decode(b, u16(b, start + 2), start + HEADER_LENGTH, end, out);
  }
}
