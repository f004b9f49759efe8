package org.nexusflowmeter.pcap.decode;

/** Decodes link, network and transport headers of one frame into a {@link DecodedPacket}, in place. */
public final class PacketDecoder {
  private PacketDecoder() {}

  /**
   * Decodes frame bytes buf[offset, offset + length) captured on a link of type linkType. Never throws on
   * malformed or truncated input: whatever the bytes hold is filled, the rest stays absent.
   */
  public static void decode(byte[] buf, int offset, int length, int linkType, DecodedPacket out) {
    throw new UnsupportedOperationException("decoder not written yet");
  }
}
