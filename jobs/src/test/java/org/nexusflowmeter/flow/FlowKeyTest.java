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
