package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.flow.PacketView;
import org.nexusflowmeter.pcap.decode.AddressText;

/**
 * Address text written by the pcap source's own formatter ({@link AddressText}) reads back to the bytes it was
 * made from: random addresses, with zero runs placed to exercise every "::" position, and IPv4-mapped ones.
 */
class AddressTextParserTest {
  @Test
  void readsBackWhatTheSourceWrites() {
    Random random = new Random(5952);
    PacketView packet = new PacketView();
    for (int i = 0; i < 20_000; i++) {
      byte[] address = new byte[i % 3 == 0 ? 4 : 16];
      random.nextBytes(address);
      if (address.length == 16) {
        // zero a random run of groups so that "::" falls at the start, the middle or the end
        int from = random.nextInt(8);
        int to = from + random.nextInt(9 - from);
        for (int g = from; g < to; g++) {
          address[2 * g] = 0;
          address[2 * g + 1] = 0;
        }
        if (i % 10 == 1) {
          java.util.Arrays.fill(address, 0, 10, (byte) 0);
          address[10] = (byte) 0xff;
          address[11] = (byte) 0xff;
        }
      }
      String text = AddressText.ip(address, 0, address.length);
      assertTrue(AddressTextParser.parseInto(text, packet, i % 2 == 0), text);
      long high = i % 2 == 0 ? packet.srcAddrHigh : packet.dstAddrHigh;
      long low = i % 2 == 0 ? packet.srcAddrLow : packet.dstAddrLow;
      assertEquals(address.length, packet.addressLength, text);
      byte[] expected16 = new byte[16];
      System.arraycopy(address, 0, expected16, 16 - address.length, address.length);
      ByteBuffer expected = ByteBuffer.wrap(expected16);
      assertEquals(expected.getLong(0), high, text);
      assertEquals(expected.getLong(8), low, text);
    }
  }

  @Test
  void edgeFormsAndRejects() {
    PacketView packet = new PacketView();
    assertTrue(AddressTextParser.parseInto("::", packet, true));
    assertEquals(0, packet.srcAddrHigh | packet.srcAddrLow);
    assertTrue(AddressTextParser.parseInto("fe80::", packet, true));
    assertEquals(0xfe80L << 48, packet.srcAddrHigh);
    assertTrue(AddressTextParser.parseInto("::1", packet, true));
    assertEquals(1, packet.srcAddrLow);
    for (String bad : new String[] {"", "1.2.3", "1.2.3.256", "1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7", "12345::",
        "1:2:3:4:5:6:7:8:9", "g::1", "1:", ":1", "::ffff:1.2.3"}) {
      assertFalse(AddressTextParser.parseInto(bad, packet, true), bad);
    }
  }
}
