package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.flow.Packets.ACK;
import static org.nexusflowmeter.flow.Packets.FIN;
import static org.nexusflowmeter.flow.Packets.PSH;
import static org.nexusflowmeter.flow.Packets.RST;
import static org.nexusflowmeter.flow.Packets.SYN;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentFlowTable} reuses the state of a flow that left (and the entry of a key that left) for a later
 * flow of another key: every flow must still be what a fresh accumulator makes of its key's packets, column for
 * column and byte for byte of its encoded state, whatever the state held before.
 */
class SegmentFlowRecyclingTest {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final FlowTimeouts TIMEOUTS = new FlowTimeouts(50 * MS, FlowTimeouts.NO_ACTIVE_TIMEOUT);
  private static final long SLACK = 5 * MS;
  /** A's client is side 1 of its key (the larger address), so fields that are 1 for A differ from a default 0. */
  private static final String C = "10.5.0.1";
  private static final String S = "10.0.0.9";

  /** Every packet the table took, by key, and every flow it gave, as the row text and the encoded state. */
  private final Map<FlowKey, List<PacketView>> packetsByKey = new LinkedHashMap<>();
  private final Map<FlowKey, List<String>> flowsByKey = new LinkedHashMap<>();
  /** The key of the last flow given on each state (by identity), and the state of each key's last flow. */
  private final Map<FlowState, FlowKey> keyByState = new IdentityHashMap<>();
  private final Map<FlowKey, FlowState> stateByKey = new HashMap<>();
  /** Keys whose flow was given on a state that an earlier flow of another key was given on. */
  private final Set<FlowKey> onReusedStates = new HashSet<>();
  private final List<FlowKey> outOfOrder = new ArrayList<>();
  private long now;
  /** Time from one added packet to the next. */
  private long step = US;
  private int fillers;

  private final SegmentFlowTable table = new SegmentFlowTable(TIMEOUTS, SLACK, new SegmentFlowTable.Output() {
    @Override
    public void flow(FlowPart flow) {
      List<String> flows = flowsByKey.computeIfAbsent(flow.key(), k -> new ArrayList<>());
      flows.add(text(flow, flows.size() + 1));
      FlowKey previous = keyByState.put(flow.state, flow.key());
      if (previous != null && !previous.equals(flow.key())) {
        onReusedStates.add(flow.key());
      }
      stateByKey.put(flow.key(), flow.state);
    }

    @Override
    public void outOfOrder(FlowKey key) {
      outOfOrder.add(key);
    }
  });

  @Test
  void aStateOrEntryReusedByAnotherKeyCarriesNothingOfItsPreviousFlow() {
    // A: handshake, data after a long gap, a FIN, a SYN inside the flow (a pure-SYN FIN mask), FINs from both
    // sides until the join log overflows, then a RST: every counter, flag, FIN/RST mark, Zeek machine and log
    // field is set
    FlowKey a = FlowKey.of(tcp(C, 40000, S, 80, SYN, 0));
    add(tcp(C, 40000, S, 80, SYN, 0));
    add(tcp(S, 80, C, 40000, SYN | ACK, 0));
    add(tcp(C, 40000, S, 80, ACK, 0));
    now += 3 * MS;
    add(tcp(C, 40000, S, 80, PSH | ACK, 100));
    add(tcp(S, 80, C, 40000, ACK, 0));
    add(tcp(C, 40000, S, 80, FIN | ACK, 0));
    add(tcp(C, 40000, S, 80, SYN, 0));
    for (int i = 0; i < 150; i++) {
      add(tcp(S, 80, C, 40000, FIN | ACK, 0));
      add(tcp(C, 40000, S, 80, FIN | ACK, 0));
    }
    add(tcp(C, 40000, S, 80, RST, 0));
    afterIdle();
    FlowState aState = stateByKey.get(a);
    assertTrue(aState.controlLogOverflow && aState.rstSeen && aState.finSeen(0) && aState.finSeen(1)
        && aState.pureSynFinMasks != 0 && aState.firstPureSynSide == 1 && aState.maxGapNanos > 2 * MS,
        "A must leave every mark set");

    // B, on A's state and entry: midstream from the server, a flagless packet (the join log keeps it only while the
    // side may be inactive), data then a first pure ACK from the client (logged once per side), a FIN from one
    // side and a SYN that stays in the flow unless a FIN of A leaked; its gaps are all longer than A's shortest
    step = 2 * US;
    FlowKey b = FlowKey.of(tcp("10.0.0.2", 50000, "10.9.9.8", 443, ACK, 0));
    add(tcp("10.9.9.8", 443, "10.0.0.2", 50000, ACK, 0));
    add(tcp("10.9.9.8", 443, "10.0.0.2", 50000, 0, 0));
    add(tcp("10.0.0.2", 50000, "10.9.9.8", 443, PSH | ACK, 20));
    add(tcp("10.0.0.2", 50000, "10.9.9.8", 443, ACK, 0));
    add(tcp("10.9.9.8", 443, "10.0.0.2", 50000, FIN | ACK, 0));
    add(tcp("10.0.0.2", 50000, "10.9.9.8", 443, SYN, 0));
    add(tcp("10.0.0.2", 50000, "10.9.9.8", 443, ACK, 0));
    step = US;
    afterIdle();

    // a key whose packets go back in time drops its live state; the next key's flow may take it
    FlowKey d = FlowKey.of(tcp("10.0.0.3", 1234, S, 22, SYN, 0));
    add(tcp("10.0.0.3", 1234, S, 22, SYN, 0));
    add(tcp(S, 22, "10.0.0.3", 1234, SYN | ACK | FIN, 10));
    int sparesBefore = table.spareStateCount();
    now -= 2 * US;
    add(tcp("10.0.0.3", 1234, S, 22, RST, 0));
    assertEquals(List.of(d), outOfOrder);
    assertEquals(sparesBefore + 1, table.spareStateCount(), "the dropped state is kept for reuse");

    // C: UDP on a state that held TCP flows
    FlowKey c = FlowKey.of(udp("10.0.0.4", 5353, "224.0.0.251", 5353, 40));
    add(udp("10.0.0.4", 5353, "224.0.0.251", 5353, 40));
    add(udp("10.0.0.4", 5353, "224.0.0.251", 5353, 0));
    table.finish();
    assertEquals(0, table.size());

    // the next segment (the table is reused per file) starts on the spares of this one
    FlowKey e = FlowKey.of(tcp(C, 40001, S, 80, SYN | ACK, 0));
    add(tcp(C, 40001, S, 80, SYN | ACK, 0));
    add(tcp(S, 80, C, 40001, RST, 0));
    table.finish();

    assertSame(aState, stateByKey.get(b), "B takes the state A left");
    assertTrue(onReusedStates.containsAll(List.of(b, c, e)), "reused for " + onReusedStates);
    packetsByKey.remove(d);
    assertEveryFlowFresh();
  }

  @Test
  void sparesNeverOutnumberTheLiveFlowsAndAreUsedUpFirst() {
    int burst = 5000;
    for (int i = 0; i < burst; i++) {
      add(udp("10.1." + (i >> 8) + "." + (i & 0xFF), 1000, S, 53, 10));
    }
    afterIdle();
    // the burst left one by one while the live flows fell from burst + 1 to 1: spares stop where they meet
    assertEquals(burst / 2 + 1, table.spareStateCount());
    assertEquals(burst / 2, table.spareEntryCount());
    for (int i = 0; i < burst / 2; i++) {
      add(udp("10.2." + (i >> 8) + "." + (i & 0xFF), 1000, S, 53, 10));
    }
    assertEquals(1, table.spareStateCount());
    assertEquals(0, table.spareEntryCount());
    // the table empties with burst / 2 + 1 live flows
    table.finish();
    assertEquals(burst / 2 + 1, table.spareStateCount());
    assertEveryFlowFresh();
  }

  private void assertEveryFlowFresh() {
    for (Map.Entry<FlowKey, List<PacketView>> key : packetsByKey.entrySet()) {
      assertEquals(fresh(key.getValue()), flowsByKey.get(key.getKey()), key.getKey().toString());
    }
  }

  /** Moves past the idle timeout and the slack, and adds enough packets of a new key for an eviction check. */
  private void afterIdle() {
    now += TIMEOUTS.idleNanos + SLACK + MS;
    String filler = "10.8." + (fillers >> 8) + "." + (fillers & 0xFF);
    fillers++;
    for (int i = 0; i < 256; i++) {
      add(udp(filler, 7, S, 7, 0));
    }
  }

  private void add(PacketView packet) {
    now += step;
    packet.timestampNanos = Packets.T0 + now;
    packet.fileOrder = now;
    packetsByKey.computeIfAbsent(FlowKey.of(packet), k -> new ArrayList<>()).add(packet);
    table.add(packet);
  }

  private static PacketView tcp(String src, int srcPort, String dst, int dstPort, int flags, long payload) {
    return Packets.packet(0, 6, Packets.ipv4(src), srcPort, Packets.ipv4(dst), dstPort, flags, 54 + payload,
        payload);
  }

  private static PacketView udp(String src, int srcPort, String dst, int dstPort, long payload) {
    return Packets.packet(0, 17, Packets.ipv4(src), srcPort, Packets.ipv4(dst), dstPort, PacketView.NO_TCP_FLAGS,
        42 + payload, payload);
  }

  /** The flows of one fresh accumulator (join log on, as the table's) and of a plain pass over the packets. */
  private static List<String> fresh(List<PacketView> packets) {
    List<String> flows = new ArrayList<>();
    FlowAccumulator accumulator = new FlowAccumulator(FlowKey.of(packets.get(0)), TIMEOUTS, true);
    FlowPartSink sink = flow -> flows.add(text(flow, flows.size() + 1));
    for (PacketView p : packets) {
      accumulator.add(p, sink);
    }
    accumulator.finish(sink);
    List<FlowRecord> plain = Packets.pass(TIMEOUTS, packets);
    assertEquals(plain.size(), flows.size());
    for (int i = 0; i < plain.size(); i++) {
      assertTrue(flows.get(i).startsWith(plain.get(i) + " " + plain.get(i).getZeekConnState() + " "),
          flows.get(i) + " vs " + plain.get(i));
    }
    return flows;
  }

  /** Every column of the part's row, its Zeek code and its encoded state. */
  private static String text(FlowPart flow, int number) {
    FlowRecord row = flow.toRecord(number, "a.pcap");
    return row + " " + row.getZeekConnState() + " " + Base64.getEncoder().encodeToString(flow.toBytes());
  }
}
