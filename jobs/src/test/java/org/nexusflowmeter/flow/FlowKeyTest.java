package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FlowKeyTest {
  @Test
  void bothDirectionsGiveEqualKeysBytesAndText() {
    FlowKey ab = FlowKey.of(Packets.udp(0, "10.0.0.5", 1000, "10.0.0.10", 53, 60, 0));
    FlowKey ba = FlowKey.of(Packets.udp(0, "10.0.0.10", 53, "10.0.0.5", 1000, 60, 0));
    assertEquals(ab, ba);
    assertEquals(ab.hashCode(), ba.hashCode());
    assertArrayEquals(ab.toBytes(), ba.toBytes());
    assertEquals("17 10.0.0.5:1000 <-> 10.0.0.10:53 (UDP)", ab.toString());
    // protocol 17, length 4, 10.0.0.5, port 1000, 10.0.0.10, port 53
    assertArrayEquals(new byte[] {0, 0, 0, 17, 4, 10, 0, 0, 5, 0, 0, 3, (byte) 0xE8, 10, 0, 0, 10, 0, 0, 0, 53},
        ab.toBytes());
    assertNotEquals(ab, FlowKey.of(Packets.udp(0, "10.0.0.10", 54, "10.0.0.5", 1000, 60, 0)));
    assertNotEquals(ab, FlowKey.of(Packets.tcp(0, "10.0.0.10", 53, "10.0.0.5", 1000, 0, 60, 0)));
  }

  /** A packet of the key from either side, and packets that differ from one of them in any one field. */
  @Test
  void sideOfEveryFieldAndDirection() {
    byte[] a = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    byte[] b = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
    byte[] highDiffers = Packets.ipv6(0x2002, 0xdb8, 0, 0, 0, 0, 0, 1);
    FlowKey key = FlowKey.of(Packets.packet(0, 6, a, 1000, b, 443, 0, 60, 0));
    int forward = key.sideOf(Packets.packet(0, 6, a, 1000, b, 443, 0, 60, 0));
    assertEquals(1 - forward, key.sideOf(Packets.packet(0, 6, b, 443, a, 1000, 0, 60, 0)));
    for (boolean reverse : new boolean[] {false, true}) {
      byte[] src = reverse ? b : a;
      byte[] dst = reverse ? a : b;
      int srcPort = reverse ? 443 : 1000;
      int dstPort = reverse ? 1000 : 443;
      assertEquals(-1, key.sideOf(Packets.packet(0, 17, src, srcPort, dst, dstPort, 0, 60, 0)), "protocol");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, highDiffers, srcPort, dst, dstPort, 0, 60, 0)), "src high");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, dst, srcPort, dst, dstPort, 0, 60, 0)), "src low");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, src, srcPort + 1, dst, dstPort, 0, 60, 0)), "src port");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, src, srcPort, highDiffers, dstPort, 0, 60, 0)), "dst high");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, src, srcPort, src, dstPort, 0, 60, 0)), "dst low");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, src, srcPort, dst, dstPort + 1, 0, 60, 0)), "dst port");
      assertEquals(-1, key.sideOf(Packets.packet(0, 6, src, -1, dst, -1, 0, 60, 0)), "no ports");
    }
    // the same low 8 bytes, a 4-byte address against a 16-byte one
    byte[] v4 = Packets.ipv4("0.0.0.1");
    byte[] v6 = Packets.ipv6(0, 0, 0, 0, 0, 0, 0, 1);
    FlowKey v4Key = FlowKey.of(Packets.packet(0, 17, v4, 53, v4, 53, 0, 60, 0));
    assertEquals(-1, v4Key.sideOf(Packets.packet(0, 17, v6, 53, v6, 53, 0, 60, 0)), "address length");
  }

  @Test
  void ipv6TextFollowsRfc5952() {
    assertEquals("2001:db8::1", text(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1));
    assertEquals("::1", text(0, 0, 0, 0, 0, 0, 0, 1));
    assertEquals("::", text(0, 0, 0, 0, 0, 0, 0, 0));
    assertEquals("2001:db8:0:1:1:1:1:1", text(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1));
    assertEquals("2001:0:0:1::1", text(0x2001, 0, 0, 1, 0, 0, 0, 1));
    assertEquals("2001:db8::1:0:0:1", text(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1));
    assertEquals("fe80::abcd:ef01", text(0xfe80, 0, 0, 0, 0, 0, 0xabcd, 0xef01));
    assertEquals("::ffff:192.0.2.1", text(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201));
  }

  private static String text(int... groups) {
    byte[] address = Packets.ipv6(groups);
    PacketView p = Packets.packet(0, 58, address, -1, address, -1, -1, 0, 0);
    return FlowKey.of(p).addressText(0);
  }
}
