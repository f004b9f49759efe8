package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.flow.Packets.ACK;
import static org.nexusflowmeter.flow.Packets.CWR;
import static org.nexusflowmeter.flow.Packets.ECE;
import static org.nexusflowmeter.flow.Packets.FIN;
import static org.nexusflowmeter.flow.Packets.PSH;
import static org.nexusflowmeter.flow.Packets.RST;
import static org.nexusflowmeter.flow.Packets.SYN;
import static org.nexusflowmeter.flow.Packets.T0;
import static org.nexusflowmeter.flow.Packets.URG;
import static org.nexusflowmeter.flow.Packets.pass;
import static org.nexusflowmeter.flow.Packets.tcp;
import static org.nexusflowmeter.flow.Packets.udp;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowAccumulatorTest {
  private static final String C = "10.0.0.5";
  private static final String S = "10.0.0.10";

  /** Client 10.0.0.5:40000 to server 10.0.0.10:80: handshake, a request, a response, both FINs, last ACK. */
  private static List<PacketView> closedConnection() {
    List<PacketView> p = new ArrayList<>();
    p.add(tcp(0, C, 40000, S, 80, SYN, 74, 0));
    p.add(tcp(1, S, 80, C, 40000, SYN | ACK, 74, 0));
    p.add(tcp(2, C, 40000, S, 80, ACK, 66, 0));
    p.add(tcp(3, C, 40000, S, 80, PSH | ACK, 166, 100));
    p.add(tcp(5, S, 80, C, 40000, ACK, 66, 0));
    p.add(tcp(10, S, 80, C, 40000, PSH | ACK, 566, 500));
    p.add(tcp(11, C, 40000, S, 80, FIN | ACK, 66, 0));
    p.add(tcp(12, S, 80, C, 40000, FIN | ACK, 66, 0));
    p.add(tcp(13, C, 40000, S, 80, ACK, 66, 0));
    return p;
  }

  @Test
  void handshakeDataAndCloseGiveOneClosedFlowWithEveryColumn() {
    List<FlowRecord> rows = pass(closedConnection());
    assertEquals(1, rows.size());
    FlowRecord f = rows.get(0);
    assertEquals("10.0.0.5:40000 <-> 10.0.0.10:80 (TCP)", f.getFlowId());
    assertEquals("10.0.0.5", f.getSrcIp());
    assertEquals("10.0.0.10", f.getDstIp());
    assertEquals(40000, f.getSrcPort());
    assertEquals(80, f.getDstPort());
    assertEquals("TCP", f.getProtocol());
    assertEquals(T0, f.getStartTimeNanos());
    assertEquals(T0 + 13_000_000L, f.getEndTimeNanos());
    assertEquals(0.013, f.getDurationSeconds(), 1e-12);
    assertEquals(9, f.getTotalPackets());
    assertEquals(5, f.getForwardPackets());
    assertEquals(4, f.getBackwardPackets());
    assertTrue(f.isBidirectional());
    assertEquals(1.25, f.getForwardBackwardRatio());
    assertEquals(1210, f.getTotalBytes());
    assertEquals(438, f.getForwardBytes());
    assertEquals(772, f.getBackwardBytes());
    assertEquals(600, f.getTotalPayloadBytes());
    assertEquals(100, f.getForwardPayloadBytes());
    assertEquals(500, f.getBackwardPayloadBytes());
    assertEquals(9 / 0.013, f.getPacketsPerSecond(), 1e-9);
    assertEquals(1210 / 0.013, f.getBytesPerSecond(), 1e-7);
    assertEquals(66, f.getMinPacketSize());
    assertEquals(566, f.getMaxPacketSize());
    assertEquals(1210 / 9.0, f.getAvgPacketSize(), 1e-12);
    assertEquals(1.625, f.getAvgInterArrivalMs(), 1e-12);
    assertEquals(1.0, f.getMinInterArrivalMs());
    assertEquals(5.0, f.getMaxInterArrivalMs());
    assertEquals("FIN|SYN|PSH|ACK", f.getTcpFlags());
    assertEquals(2, f.getSynCount());
    assertEquals(2, f.getFinCount());
    assertEquals(0, f.getRstCount());
    assertEquals(8, f.getAckCount());
    assertEquals("SF", f.getZeekConnState());
    assertEquals("Closed", f.getConnectionState());
    assertEquals("a.pcap", f.getSourceFile());
  }

  @Test
  void lonelySynIsAnAttemptWithNullRatesAndInterArrival() {
    FlowRecord f = pass(List.of(tcp(0, C, 40000, S, 22, SYN, 74, 0))).get(0);
    assertEquals("S0", f.getZeekConnState());
    assertEquals("Attempted", f.getConnectionState());
    assertEquals(0.0, f.getDurationSeconds());
    assertNull(f.getPacketsPerSecond());
    assertNull(f.getBytesPerSecond());
    assertNull(f.getAvgInterArrivalMs());
    assertNull(f.getMinInterArrivalMs());
    assertNull(f.getMaxInterArrivalMs());
    assertNull(f.getForwardBackwardRatio());
    assertFalse(f.isBidirectional());
    assertEquals(74.0, f.getAvgPacketSize());
    assertEquals("SYN", f.getTcpFlags());
  }

  @Test
  void resetAnswerToSynIsRejected() {
    FlowRecord f = pass(List.of(tcp(0, C, 40000, S, 23, SYN, 74, 0),
        tcp(1, S, 23, C, 40000, RST | ACK, 60, 0))).get(0);
    assertEquals("REJ", f.getZeekConnState());
    assertEquals("Rejected", f.getConnectionState());
    assertEquals("SYN|RST|ACK", f.getTcpFlags());
    assertEquals(1.0, f.getForwardBackwardRatio());
  }

  private static List<PacketView> handshake() {
    List<PacketView> p = new ArrayList<>();
    p.add(tcp(0, C, 40000, S, 80, SYN, 74, 0));
    p.add(tcp(1, S, 80, C, 40000, SYN | ACK, 74, 0));
    p.add(tcp(2, C, 40000, S, 80, ACK, 66, 0));
    return p;
  }

  @Test
  void resetFromEitherSideAfterTheHandshakeIsReset() {
    List<PacketView> byClient = handshake();
    byClient.add(tcp(3, C, 40000, S, 80, RST | ACK, 66, 0));
    FlowRecord f = pass(byClient).get(0);
    assertEquals("RSTO", f.getZeekConnState());
    assertEquals("Reset", f.getConnectionState());
    List<PacketView> byServer = handshake();
    byServer.add(tcp(3, S, 80, C, 40000, RST, 60, 0));
    FlowRecord g = pass(byServer).get(0);
    assertEquals("RSTR", g.getZeekConnState());
    assertEquals("Reset", g.getConnectionState());
    List<PacketView> synThenReset = new ArrayList<>(List.of(tcp(0, C, 40000, S, 80, SYN, 74, 0),
        tcp(5, C, 40000, S, 80, RST, 60, 0)));
    assertEquals("RSTOS0", pass(synThenReset).get(0).getZeekConnState());
  }

  @Test
  void finFromOneSideOnlyIsClosingOrAborted() {
    List<PacketView> halfClosed = handshake();
    halfClosed.add(tcp(3, C, 40000, S, 80, FIN | ACK, 66, 0));
    halfClosed.add(tcp(4, S, 80, C, 40000, ACK, 66, 0));
    FlowRecord f = pass(halfClosed).get(0);
    assertEquals("S2", f.getZeekConnState());
    assertEquals("Closing", f.getConnectionState());
    List<PacketView> synFin = new ArrayList<>(List.of(tcp(0, C, 40000, S, 80, SYN, 74, 0),
        tcp(1, C, 40000, S, 80, FIN, 60, 0)));
    FlowRecord g = pass(synFin).get(0);
    assertEquals("SH", g.getZeekConnState());
    assertEquals("Aborted", g.getConnectionState());
  }

  @Test
  void midstreamTrafficIsMidstreamAndTheFirstSenderIsSource() {
    FlowRecord f = pass(List.of(tcp(0, S, 80, C, 40000, PSH | ACK, 1066, 1000),
        tcp(1, C, 40000, S, 80, ACK, 66, 0))).get(0);
    assertEquals("OTH", f.getZeekConnState());
    assertEquals("Midstream", f.getConnectionState());
    assertEquals("10.0.0.10:80 <-> 10.0.0.5:40000 (TCP)", f.getFlowId());
    assertEquals(1000, f.getForwardPayloadBytes());
  }

  @Test
  void flowStartingWithSynAckHasTheReceiverAsSource() {
    // the server has the smaller address, so storage order and first sender both point the wrong way
    FlowRecord f = pass(List.of(tcp(0, "10.0.0.1", 443, "10.0.0.200", 5555, SYN | ACK, 74, 0),
        tcp(1, "10.0.0.200", 5555, "10.0.0.1", 443, ACK, 66, 0))).get(0);
    assertEquals("10.0.0.200:5555 <-> 10.0.0.1:443 (TCP)", f.getFlowId());
    assertEquals("10.0.0.200", f.getSrcIp());
    assertEquals(5555, f.getSrcPort());
    assertEquals(1, f.getForwardPackets());
    assertEquals(66, f.getForwardBytes());
    assertEquals(74, f.getBackwardBytes());
    assertEquals("S1", f.getZeekConnState());
    assertEquals("Established", f.getConnectionState());
  }

  @Test
  void aFirstPacketWhoseFlagsWereCutOffIsNoSynAckItsSenderIsTheSource() {
    // ports but no flags: the snaplen cut the TCP header after the ports (corpus tcp_header_heapoverflow.pcap)
    FlowRecord f = pass(List.of(tcp(0, "10.0.0.200", 5555, "10.0.0.1", 443, PacketView.NO_TCP_FLAGS, 60, 0)))
        .get(0);
    assertEquals("10.0.0.200:5555 <-> 10.0.0.1:443 (TCP)", f.getFlowId());
    assertEquals(1, f.getForwardPackets());
    assertEquals(0, f.getBackwardPackets());
  }

  @Test
  void synAfterCloseStartsTheNextFlowButLateFinsAndAcksStay() {
    List<PacketView> p = closedConnection();
    p.add(tcp(14, S, 80, C, 40000, FIN | ACK, 66, 0)); // retransmitted FIN stays
    p.add(tcp(20, C, 40000, S, 80, SYN, 74, 0));
    p.add(tcp(21, S, 80, C, 40000, SYN | ACK, 74, 0));
    List<FlowRecord> rows = pass(p);
    assertEquals(2, rows.size());
    assertEquals(10, rows.get(0).getTotalPackets());
    assertEquals(3, rows.get(0).getFinCount());
    assertEquals("Closed", rows.get(0).getConnectionState());
    assertEquals("10.0.0.5:40000 <-> 10.0.0.10:80 (TCP) #2", rows.get(1).getFlowId());
    assertEquals(T0 + 20_000_000L, rows.get(1).getStartTimeNanos());
    assertEquals(2, rows.get(1).getTotalPackets());
  }

  @Test
  void synAfterOneFinOnlyStaysInTheFlow() {
    List<PacketView> p = handshake();
    p.add(tcp(3, C, 40000, S, 80, FIN | ACK, 66, 0));
    p.add(tcp(4, C, 40000, S, 80, SYN, 74, 0));
    assertEquals(1, pass(p).size());
  }

  @Test
  void idleGapExactlyAtTheTimeoutStaysAndOneNanosecondMoreSplits() {
    long idle = 60_000_000_000L;
    List<FlowRecord> rows = pass(List.of(udp(0, C, 5353, S, 53, 80, 38), udp(idle, S, 53, C, 5353, 90, 48),
        udp(2 * idle + 1, C, 5353, S, 53, 80, 38), udp(3 * idle, C, 5353, S, 53, 80, 38)));
    assertEquals(2, rows.size());
    assertEquals(2, rows.get(0).getTotalPackets());
    assertEquals(60.0, rows.get(0).getDurationSeconds());
    assertEquals(60_000.0, rows.get(0).getMaxInterArrivalMs());
    assertEquals("10.0.0.5:5353 <-> 10.0.0.10:53 (UDP) #2", rows.get(1).getFlowId());
    assertEquals(2, rows.get(1).getTotalPackets()); // 3*idle - (2*idle + 1) is just under the timeout
    assertEquals("Unknown", rows.get(0).getConnectionState());
    assertNull(rows.get(0).getTcpFlags());
  }

  @Test
  void activeTimeoutCountsFromTheFlowStart() {
    long s = 1_000_000_000L;
    FlowTimeouts timeouts = new FlowTimeouts(60 * s, 10 * s);
    List<FlowRecord> rows = pass(timeouts, List.of(udp(0, C, 1, S, 2, 60, 10), udp(4 * s, C, 1, S, 2, 60, 10),
        udp(10 * s, C, 1, S, 2, 60, 10), udp(10 * s + 1, C, 1, S, 2, 60, 10), udp(20 * s + 1, C, 1, S, 2, 60, 10),
        udp(20 * s + 2, C, 1, S, 2, 60, 10)));
    assertEquals(3, rows.size());
    assertEquals(3, rows.get(0).getTotalPackets());
    assertEquals(2, rows.get(1).getTotalPackets());
    assertEquals(1, rows.get(2).getTotalPackets());
  }

  @Test
  void equalTimestampsKeepFileOrderForTheInitiator() {
    FlowRecord f = pass(List.of(udp(5, S, 53, C, 5353, 90, 48), udp(5, C, 5353, S, 53, 80, 38))).get(0);
    assertEquals("10.0.0.10", f.getSrcIp());
    assertEquals(0.0, f.getMinInterArrivalMs());
    assertEquals(0.0, f.getAvgInterArrivalMs());
    assertNull(f.getPacketsPerSecond());
  }

  @Test
  void loopbackFlowsBetweenTwoPortsOfOneHostHaveBothDirections() {
    FlowRecord f = pass(List.of(udp(0, "127.0.0.1", 6000, "127.0.0.1", 5000, 50, 8),
        udp(1000, "127.0.0.1", 5000, "127.0.0.1", 6000, 51, 9), udp(2000, "127.0.0.1", 6000, "127.0.0.1", 5000,
            52, 10))).get(0);
    assertEquals("127.0.0.1:6000 <-> 127.0.0.1:5000 (UDP)", f.getFlowId());
    assertEquals(2, f.getForwardPackets());
    assertEquals(1, f.getBackwardPackets());
    assertTrue(f.isBidirectional());
    assertEquals(18, f.getForwardPayloadBytes());
    assertEquals(9, f.getBackwardPayloadBytes());
  }

  @Test
  void ipv6FlowIdHasBracketsAndCompressedAddresses() {
    byte[] client = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 2);
    byte[] server = Packets.ipv6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    FlowRecord f = pass(List.of(Packets.packet(0, 6, client, 50000, server, 443, SYN, 94, 0))).get(0);
    assertEquals("[2001:db8::2]:50000 <-> [2001:db8::1]:443 (TCP)", f.getFlowId());
    assertEquals("2001:db8::2", f.getSrcIp());
    byte[] a = Packets.ipv6(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    byte[] b = Packets.ipv6(0xff02, 0, 0, 0, 0, 0, 0, 1);
    FlowRecord ping = pass(List.of(Packets.packet(0, 58, a, -1, b, -1, -1, 118, 56))).get(0);
    assertEquals("fe80::1 <-> ff02::1 (ICMPv6)", ping.getFlowId());
  }

  @Test
  void arpKeysOnProtocolAddressesWithTheSenderAsSource() {
    PacketView request = Packets.packet(0, PacketView.PROTOCOL_ARP, Packets.ipv4("10.0.0.9"), -1,
        Packets.ipv4("10.0.0.1"), -1, -1, 60, 0);
    PacketView reply = Packets.packet(1000, PacketView.PROTOCOL_ARP, Packets.ipv4("10.0.0.1"), -1,
        Packets.ipv4("10.0.0.9"), -1, -1, 42, 0);
    FlowRecord f = pass(List.of(request, reply)).get(0);
    assertEquals("10.0.0.9 <-> 10.0.0.1 (ARP)", f.getFlowId());
    assertEquals("ARP", f.getProtocol());
    assertNull(f.getSrcPort());
    assertNull(f.getDstPort());
    assertEquals(1, f.getForwardPackets());
    assertEquals(1, f.getBackwardPackets());
    assertEquals(102, f.getTotalBytes());
    assertEquals(0, f.getTotalPayloadBytes());
    assertNull(f.getTcpFlags());
    assertEquals("Unknown", f.getConnectionState());
  }

  @Test
  void icmpEchoIsOnePortlessFlowSummingPayloadPerDirection() {
    FlowRecord f = pass(List.of(
        Packets.packet(0, 1, Packets.ipv4(C), -1, Packets.ipv4(S), -1, -1, 98, 56),
        Packets.packet(500_000, 1, Packets.ipv4(S), -1, Packets.ipv4(C), -1, -1, 98, 56),
        Packets.packet(1_000_000_000, 1, Packets.ipv4(C), -1, Packets.ipv4(S), -1, -1, 98, 56))).get(0);
    assertEquals("10.0.0.5 <-> 10.0.0.10 (ICMP)", f.getFlowId());
    assertEquals(112, f.getForwardPayloadBytes());
    assertEquals(56, f.getBackwardPayloadBytes());
    assertEquals(2.0, f.getForwardBackwardRatio());
    assertEquals(0.5, f.getMinInterArrivalMs());
    assertEquals(999.5, f.getMaxInterArrivalMs());
    assertEquals(500.0, f.getAvgInterArrivalMs());
    assertEquals(3.0, f.getPacketsPerSecond());
  }

  @Test
  void nonFirstFragmentsFormTheirOwnPortlessFlow() {
    PacketView first = udp(0, C, 4000, S, 9000, 1514, 1472);
    PacketView rest = Packets.packet(1000, 17, Packets.ipv4(C), -1, Packets.ipv4(S), -1, -1, 562, 528);
    rest.nonFirstFragment = true;
    assertFalse(FlowKey.of(first).equals(FlowKey.of(rest)));
    FlowRecord f = pass(List.of(rest)).get(0);
    assertEquals("10.0.0.5 <-> 10.0.0.10 (UDP)", f.getFlowId());
    assertNull(f.getSrcPort());
    assertEquals(528, f.getTotalPayloadBytes());
    PacketView tcpRest = Packets.packet(0, 6, Packets.ipv4(C), -1, Packets.ipv4(S), -1, -1, 562, 528);
    FlowRecord t = pass(List.of(tcpRest)).get(0);
    assertEquals("TCP", t.getProtocol());
    assertNull(t.getTcpFlags());
    assertEquals("Unknown", t.getConnectionState());
  }

  @Test
  void tcpFlagsAreNamedInBitOrder() {
    FlowRecord f = pass(List.of(tcp(0, C, 1, S, 2, SYN | PSH | ACK | FIN, 60, 0),
        tcp(1, C, 1, S, 2, CWR | ECE | URG, 60, 0))).get(0);
    assertEquals("FIN|SYN|PSH|ACK|URG|ECE|CWR", f.getTcpFlags());
    assertEquals("", pass(List.of(tcp(0, C, 1, S, 2, 0, 60, 0))).get(0).getTcpFlags());
  }

  @Test
  void otherProtocolsUseIanaKeywordsElseTheNumber() {
    assertEquals("GRE", pass(List.of(Packets.packet(0, 47, Packets.ipv4(C), -1, Packets.ipv4(S), -1, -1, 100,
        66))).get(0).getProtocol());
    assertEquals("OSPF", ProtocolNames.of(89));
    assertEquals("SCTP", ProtocolNames.of(132));
    assertEquals("IP-253", ProtocolNames.of(253));
  }

  @Test
  void packetsGoingBackInTimeOrOfAnotherKeyAreRefused() {
    FlowAccumulator a = new FlowAccumulator(FlowKey.of(udp(5, C, 1, S, 2, 60, 0)), FlowTimeouts.DEFAULT, false);
    a.add(udp(5, C, 1, S, 2, 60, 0), row -> { });
    assertThrows(IllegalArgumentException.class, () -> a.add(udp(4, S, 2, C, 1, 60, 0), row -> { }));
    assertThrows(IllegalArgumentException.class, () -> a.add(udp(6, S, 3, C, 1, 60, 0), row -> { }));
  }
}
