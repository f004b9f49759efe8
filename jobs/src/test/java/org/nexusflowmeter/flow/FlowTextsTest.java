package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bytes {@link FlowTexts} writes for a flow row: the spec's flow_id forms, and the addresses beside it. */
class FlowTextsTest {
  @Test
  void idAndAddressesOfEachSideAsSource() {
    FlowKey key = FlowKey.of(Packets.udp(0, "10.0.0.5", 0, "192.168.100.200", 65535, 60, 0));
    FlowTexts texts = new FlowTexts().set(key, 0, 1);
    assertEquals("10.0.0.5:0 <-> 192.168.100.200:65535 (UDP)", texts.flowId());
    assertEquals("10.0.0.5", texts.srcIp());
    assertEquals("192.168.100.200", texts.dstIp());
    // the same object written again, the other side first and a later flow of the key
    texts.set(key, 1, 12);
    assertEquals("192.168.100.200:65535 <-> 10.0.0.5:0 (UDP) #12", texts.flowId());
    assertEquals("192.168.100.200", bytes(texts, 0, texts.srcIpEnd()));
    assertEquals("10.0.0.5", bytes(texts, texts.srcIpEnd(), texts.dstIpEnd()));
    assertEquals(texts.flowId(), bytes(texts, texts.dstIpEnd(), texts.flowIdEnd()));
  }

  @Test
  void ipv6InBracketsOnlyWithPorts() {
    byte[] a = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    byte[] b = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
    FlowKey tcp = FlowKey.of(Packets.packet(0, 6, a, 443, b, 50000, 0x02, 80, 0));
    assertEquals("[2001:db8::1]:443 <-> [2001:db8::2]:50000 (TCP) #2", new FlowTexts().set(tcp, 0, 2).flowId());
    FlowKey icmp = FlowKey.of(Packets.packet(0, 58, b, PacketView.NO_PORT, a, PacketView.NO_PORT,
        PacketView.NO_TCP_FLAGS, 80, 0));
    assertEquals("2001:db8::2 <-> 2001:db8::1 (ICMPv6)", new FlowTexts().set(icmp, 1, 1).flowId());
  }

  /** ARP may declare protocol addresses of other lengths than IPv4's: hex bytes joined by ':'. */
  @Test
  void arpAddressOfAnotherLengthAsHexBytes() {
    byte[] a = {0x00, 0x1b, (byte) 0xa0, 0x0f, 0x10, (byte) 0xff};
    byte[] b = {0x00, 0x1b, (byte) 0xa0, 0x0f, 0x10, 0x01};
    FlowKey arp = FlowKey.of(Packets.packet(0, PacketView.PROTOCOL_ARP, a, PacketView.NO_PORT, b,
        PacketView.NO_PORT, PacketView.NO_TCP_FLAGS, 42, 0));
    FlowTexts texts = new FlowTexts().set(arp, 1, 1);
    assertEquals("00:1b:a0:0f:10:ff <-> 00:1b:a0:0f:10:01 (ARP)", texts.flowId());
    assertEquals("00:1b:a0:0f:10:ff", texts.srcIp());
  }

  private static String bytes(FlowTexts texts, int from, int to) {
    return new String(texts.bytes(), from, to - from, StandardCharsets.US_ASCII);
  }
}
