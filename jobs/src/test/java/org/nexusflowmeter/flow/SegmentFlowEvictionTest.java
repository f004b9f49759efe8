package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When {@link SegmentFlowTable} lets flows go: never before a flow is idle by more than the timeout plus the slack
 * behind the newest packet (a later packet of it would otherwise start a flow of its own), and at the first eviction
 * check after that (so the table holds only the live flows). Checked on long time-ordered captures of many keys
 * with idle gaps, TCP closes and reopens, a key that stays live throughout, and jumps in time shorter and longer
 * than the timeout and of an hour; also before 1970 (negative times). Every key's flows must equal one pass over
 * its packets, whether the table ends at once or a few flows at a time.
 */
class SegmentFlowEvictionTest {
  private static final long MS = 1_000_000L;
  private static final long US = 1_000L;
  private static final FlowTimeouts TIMEOUTS = new FlowTimeouts(50 * MS, FlowTimeouts.NO_ACTIVE_TIMEOUT);
  private static final long SLACK = 5 * MS;
  private static final long HORIZON = TIMEOUTS.idleNanos + SLACK;
  /** The table looks for idle flows every this many packets. */
  private static final int CHECK_EVERY = 256;
  private static final int[] FLAGS = {0x10, 0x10, 0x10, 0x18, 0x18, 0x02, 0x12, 0x11, 0x01, 0x04, 0x14};

  private final Map<FlowKey, List<FlowPart>> flowsByKey = new HashMap<>();
  private long watermark = Long.MIN_VALUE;
  private boolean finishing;
  /** The key of the packet being added: its flow may be cut by that packet, which is not leaving by idleness. */
  private FlowKey adding;
  private int flowsLeftEarly;

  private final SegmentFlowTable table = new SegmentFlowTable(TIMEOUTS, SLACK, new SegmentFlowTable.Output() {
    @Override
    public void flow(FlowPart flow) {
      // a flow that leaves while the table runs, but for one its key's next packet cuts, must be idle past the
      // horizon
      if (!finishing && !flow.key().equals(adding) && watermark - flow.lastNanos() <= HORIZON) {
        flowsLeftEarly++;
      }
      // the table reuses the part's state once this returns
      flowsByKey.computeIfAbsent(flow.key(), k -> new ArrayList<>()).add(FlowPart.fromBytes(flow.key(),
          flow.toBytes()));
    }

    @Override
    public void outOfOrder(FlowKey key) {
      throw new AssertionError("a time-ordered capture has no key out of order: " + key);
    }
  });

  /** Ended by {@link SegmentFlowTable#finish}, or ({@code step} > 0) by finishing that many flows at a time first. */
  @ParameterizedTest
  @CsvSource({"1700000000000000000, 0", "-1700000000000000000, 0", "1700000000000000000, 7"})
  void flowsLeaveAtTheFirstCheckPastTheirIdleTimeNeverBefore(long start, int step) {
    Random random = new Random(2026_11_27L ^ start);
    Map<FlowKey, List<PacketView>> packetsByKey = new LinkedHashMap<>();
    Map<FlowKey, Long> lastByKey = new HashMap<>();
    long now = start;
    int checks = 0;
    for (int i = 1; i <= 60_000; i++) {
      now += i == 20_000 ? 3_600_000 * MS : i == 35_000 ? 90 * MS : i == 45_000 ? 40 * MS
          : random.nextInt(400) * US;
      // key 2 (UDP) has a packet every ~8 ms and stays live throughout (but for the jumps); the others come and go
      int k = i % 40 == 0 ? 2 : random.nextInt(random.nextInt(8) == 0 ? 2_000 : 200);
      PacketView p = packet(k, random, now);
      watermark = Math.max(watermark, now);
      adding = FlowKey.of(p);
      packetsByKey.computeIfAbsent(adding, key -> new ArrayList<>()).add(p);
      lastByKey.put(adding, now);
      table.add(p);
      if (i % CHECK_EVERY == 0) {
        checks++;
        int live = 0;
        for (long last : lastByKey.values()) {
          live += watermark - last <= HORIZON ? 1 : 0;
        }
        assertEquals(live, table.size(), "packet " + i + ": keys held, of which live");
      }
    }
    finishing = true;
    if (step > 0) {
      int live = table.size();
      int steps = 1;
      while (!table.finishOldest(step)) {
        steps++;
      }
      assertEquals((live + step - 1) / step, steps, live + " live flows, " + step + " a step");
      assertEquals(0, table.size());
    }
    table.finish();
    assertEquals(0, table.size());
    assertEquals(0, flowsLeftEarly, "flows that left before they were idle past the horizon");

    int flows = 0;
    for (Map.Entry<FlowKey, List<PacketView>> key : packetsByKey.entrySet()) {
      List<FlowPart> built = flowsByKey.get(key.getKey());
      built.sort((a, b) -> Long.compare(a.firstNanos(), b.firstNanos()));
      assertEquals(Packets.pass(TIMEOUTS, key.getValue()).toString(), Packets.records(built).toString(),
          key.getKey().toString());
      flows += built.size();
    }
    // the capture must exercise what it claims: many flows, keys and checks, a key live throughout
    assertTrue(flows > 20_000 && packetsByKey.size() > 1_500 && checks > 200,
        flows + " flows, " + packetsByKey.size() + " keys, " + checks + " checks");
    FlowKey steady = FlowKey.of(packet(2, new Random(1), start));
    assertTrue(flowsByKey.get(steady).size() <= 4, "key 2 has one flow between jumps: " + flowsByKey.get(steady));
  }

  private static PacketView packet(int k, Random random, long nanos) {
    boolean tcp = k % 3 != 2;
    boolean fromClient = random.nextBoolean();
    String client = "10." + (k >> 8) + "." + (k & 0xFF) + ".1";
    String server = "10.200.0." + (1 + k % 7);
    int clientPort = 40000 + k % 1000;
    int serverPort = 443;
    long payload = random.nextInt(3) == 0 ? random.nextInt(1400) : 0;
    PacketView p = Packets.packet(0, tcp ? 6 : 17,
        Packets.ipv4(fromClient ? client : server), fromClient ? clientPort : serverPort,
        Packets.ipv4(fromClient ? server : client), fromClient ? serverPort : clientPort,
        tcp ? FLAGS[random.nextInt(FLAGS.length)] : PacketView.NO_TCP_FLAGS, 60 + payload, payload);
    p.timestampNanos = nanos;
    p.fileOrder = nanos;
    return p;
  }
}
