package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.flow.Packets.ACK;
import static org.nexusflowmeter.flow.Packets.FIN;
import static org.nexusflowmeter.flow.Packets.PSH;
import static org.nexusflowmeter.flow.Packets.RST;
import static org.nexusflowmeter.flow.Packets.SYN;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tables one after another on the same {@link SegmentFlowSpares}, as a thread runs its tasks: each table, of
 * another size than the one before, gives exactly the flows (every column and the encoded state) and the
 * out-of-order keys a table on fresh spares gives, while it takes the states and entries the tables before it
 * left.
 */
class SegmentFlowSparesTest {
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final FlowTimeouts TIMEOUTS = new FlowTimeouts(50 * MS, FlowTimeouts.NO_ACTIVE_TIMEOUT);
  private static final long SLACK = 5 * MS;
  private static final int[] TCP_FLAGS = {SYN, SYN | ACK, ACK, PSH | ACK, FIN | ACK, RST, 0};

  @Test
  void tablesOfDifferentSizesOnSharedSparesGiveWhatTablesOnFreshSparesGive() {
    SegmentFlowSpares shared = new SegmentFlowSpares(TIMEOUTS);
    Random random = new Random(2026_11_27L);
    int[] keysPerTask = {2000, 40, 800, 0, 3000, 7};
    for (int task = 0; task < keysPerTask.length; task++) {
      List<PacketView> packets = traffic(random, keysPerTask[task], 8 * keysPerTask[task]);
      List<String> onFresh = flows(packets, new SegmentFlowSpares(TIMEOUTS));
      int sparesBefore = shared.stateCount();
      List<String> onShared = flows(packets, shared);
      assertEquals(onFresh, onShared, "task " + task);
      if (task > 0 && keysPerTask[task] > 0) {
        assertTrue(sparesBefore > 0, "task " + task + " starts with the spares of the one before");
      }
    }
  }

  @Test
  void aTableStartsOnTheStatesAndEntriesTheTableBeforeLeft() {
    SegmentFlowSpares shared = new SegmentFlowSpares(TIMEOUTS);
    SegmentFlowTable first = new SegmentFlowTable(TIMEOUTS, SLACK, ignoring(), shared);
    int keys = 3000;
    for (int i = 0; i < keys; i++) {
      first.add(udp(i, i * US));
    }
    first.finish();
    // the table emptied with every key live: as many spares of each kind as live flows
    assertEquals(keys, shared.stateCount());
    assertEquals(keys, shared.entryCount());

    SegmentFlowTable second = new SegmentFlowTable(TIMEOUTS, SLACK, ignoring(), shared);
    for (int i = 0; i < 1000; i++) {
      second.add(udp(keys + i, keys * US + i * US));
    }
    assertEquals(keys - 1000, shared.stateCount(), "the second table's flows took the first's states");
    assertEquals(keys - 1000, shared.entryCount());

    shared.trimTo(100);
    assertEquals(100, shared.stateCount());
    assertEquals(100, shared.entryCount());
  }

  @Test
  void sparesFitTablesOfTheirTimeoutsOnly() {
    SegmentFlowSpares spares = new SegmentFlowSpares(TIMEOUTS);
    FlowTimeouts same = new FlowTimeouts(TIMEOUTS.idleNanos, TIMEOUTS.activeNanos);
    FlowTimeouts otherIdle = new FlowTimeouts(TIMEOUTS.idleNanos + 1, TIMEOUTS.activeNanos);
    FlowTimeouts otherActive = new FlowTimeouts(TIMEOUTS.idleNanos, 10 * MS);
    assertTrue(spares.fits(same));
    new SegmentFlowTable(same, SLACK, ignoring(), spares);
    assertThrows(IllegalArgumentException.class, () -> new SegmentFlowTable(otherIdle, SLACK, ignoring(), spares));
    assertThrows(IllegalArgumentException.class,
        () -> new SegmentFlowTable(otherActive, SLACK, ignoring(), spares));
  }

  /** Every flow the table gives, in order, as its row, Zeek code and encoded state; and out-of-order keys. */
  private static List<String> flows(List<PacketView> packets, SegmentFlowSpares spares) {
    List<String> given = new ArrayList<>();
    SegmentFlowTable table = new SegmentFlowTable(TIMEOUTS, SLACK, new SegmentFlowTable.Output() {
      @Override
      public void flow(FlowPart flow) {
        FlowRecord row = flow.toRecord(given.size() + 1, "a.pcap");
        given.add(row + " " + row.getZeekConnState() + " " + Base64.getEncoder().encodeToString(flow.toBytes()));
      }

      @Override
      public void outOfOrder(FlowKey key) {
        given.add("out of order " + key);
      }
    }, spares);
    for (PacketView packet : packets) {
      table.add(packet);
    }
    table.finish();
    return given;
  }

  /**
   * {@code count} packets over {@code keys} keys (TCP with any flags, and UDP), times rising by up to 30 µs, now
   * and then past the idle timeout, and now and then a little back (a key out of order, or within the slack).
   */
  private static List<PacketView> traffic(Random random, int keys, int count) {
    List<PacketView> packets = new ArrayList<>();
    long now = 0;
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(1000);
      now += roll == 0 ? TIMEOUTS.idleNanos + SLACK + MS : roll == 1 ? -2 * MS : random.nextInt(30) * US;
      int key = random.nextInt(keys);
      boolean forward = random.nextBoolean();
      byte[] client = Packets.ipv4("10.1." + (key >> 8 & 0xFF) + "." + (key & 0xFF));
      byte[] server = Packets.ipv4("10.0.0." + (key % 7));
      int clientPort = 1024 + key % 50_000;
      int serverPort = key % 3 == 0 ? 53 : 443;
      int protocol = key % 3 == 0 ? 17 : 6;
      int flags = protocol == 6 ? TCP_FLAGS[random.nextInt(TCP_FLAGS.length)] : PacketView.NO_TCP_FLAGS;
      long payload = random.nextInt(3) * 100;
      PacketView packet = forward
          ? Packets.packet(now, protocol, client, clientPort, server, serverPort, flags, 54 + payload, payload)
          : Packets.packet(now, protocol, server, serverPort, client, clientPort, flags, 54 + payload, payload);
      packet.fileOrder = i;
      packets.add(packet);
    }
    return packets;
  }

  private static PacketView udp(int key, long nanos) {
    PacketView packet = Packets.udp(nanos, "10.2." + (key >> 8 & 0xFF) + "." + (key & 0xFF), 1000, "10.0.0.1", 53,
        50, 8);
    packet.fileOrder = nanos;
    return packet;
  }

  private static SegmentFlowTable.Output ignoring() {
    return new SegmentFlowTable.Output() {
      @Override
      public void flow(FlowPart flow) {}

      @Override
      public void outOfOrder(FlowKey key) {}
    };
  }
}
