package org.nexusflowmeter.pcap.decode;

import static org.nexusflowmeter.pcap.decode.FrameBytes.u32;
import static org.nexusflowmeter.pcap.decode.FrameBytes.u8;

/** The Jumbo Payload option (RFC 2675) among the TLV options of a hop-by-hop header. */
final class JumboPayloadOption {
  private JumboPayloadOption() {}

  private static final int PAD1 = 0;
  private static final int JUMBO_PAYLOAD = 0xC2;
  private static final int JUMBO_DATA_LENGTH = 4;

  /** The first jumbo payload length in options b[from, to), or -1 when there is none. */
  static long find(byte[] b, int from, int to) {
    int i = from;
    while (i < to) {
      int type = u8(b, i);
      if (type == PAD1) {
        i++;
        continue;
      }
      if (to - i < 2) {
        return -1;
      }
      int dataLength = u8(b, i + 1);
      if (type == JUMBO_PAYLOAD && dataLength == JUMBO_DATA_LENGTH && to - i >= 2 + JUMBO_DATA_LENGTH) {
        return u32(b, i + 2);
      }
      i += 2 + dataLength;
    }
    return -1;
  }
}
