package org.nexusflowmeter.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Flows built per segment ({@link SegmentFlowTable}) and made whole per key ({@link KeyFlowFold}), with the keys
 * either reported as undecidable rebuilt from their packets, equal one pass over every key's packets in time
 * order, for random captures: many keys, idle gaps, TCP closes and reopens, disorder, several files that overlap
 * in time, cut into segments at random packets.
 */
class SegmentFoldTest {
  private static final long MS = 1_000_000L;
  private static final int[] FLAGS = {0x10, 0x10, 0x10, 0x18, 0x18, 0x02, 0x12, 0x11, 0x01, 0x04, 0x14};

  /** A packet as it lies in a capture: its file and its place in that file. */
  private record Placed(PacketView packet, String file, int segment) {}

  /**
   * A flow as the job's first stage hands it on: encoded during the output's call (the table reuses the part's
   * state afterwards), with the facts that order it.
   */
  private record Built(long segment, String file, FlowKey key, long firstNanos, long firstOrder, byte[] state) {}

  @Test
  void segmentFlowsFoldedEqualOnePass() {
    Random random = new Random(7_2026_1127L);
    int folded = 0;
    int rebuilt = 0;
    int seamsJoined = 0;
    FlowPartEncoder encoder = new FlowPartEncoder();
    for (int run = 0; run < 400; run++) {
      FlowTimeouts timeouts = new FlowTimeouts(50 * MS,
          random.nextInt(3) == 0 ? 120 * MS : FlowTimeouts.NO_ACTIVE_TIMEOUT);
      long slack = random.nextInt(3) * 5 * MS;
      List<Placed> capture = randomCapture(random);

      Map<FlowKey, List<Built>> built = new LinkedHashMap<>();
      Set<FlowKey> outOfOrder = new HashSet<>();
      int segments = 1 + capture.get(capture.size() - 1).segment;
      for (int segment = 0; segment < segments; segment++) {
        long segmentId = segment;
        String[] file = {null};
        SegmentFlowTable table = new SegmentFlowTable(timeouts, slack, new SegmentFlowTable.Output() {
          @Override
          public void flow(FlowPart flow) {
            // the parts cross as the job ships them: through one reused encoder, as toBytes would write them
            encoder.encode(flow);
            byte[] state = Arrays.copyOf(encoder.buffer(), encoder.length());
            assertArrayEquals(flow.toBytes(), state);
            built.computeIfAbsent(flow.key(), k -> new ArrayList<>()).add(
                new Built(segmentId, file[0], flow.key(), flow.firstNanos(), flow.firstOrder(), state));
          }

          @Override
          public void outOfOrder(FlowKey key) {
            outOfOrder.add(key);
          }
        });
        for (Placed p : capture) {
          if (p.segment == segment) {
            file[0] = p.file;
            table.add(p.packet);
          }
        }
        table.finish();
        assertEquals(0, table.size());
      }

      Map<FlowKey, List<PacketView>> inTimeOrder = packetsByKeyInCaptureOrder(capture);
      for (Map.Entry<FlowKey, List<PacketView>> key : inTimeOrder.entrySet()) {
        List<FlowRecord> expected = Packets.pass(timeouts, key.getValue());
        List<FlowPart> flows = null;
        if (!outOfOrder.contains(key.getKey())) {
          List<Built> pieces = new ArrayList<>(built.get(key.getKey()));
          pieces.sort(Comparator.comparingLong(Built::firstNanos).thenComparing(Built::file)
              .thenComparingLong(Built::firstOrder));
          KeyFlowFold fold = new KeyFlowFold(timeouts);
          for (Built b : pieces) {
            fold.add(b.segment, b.file, FlowPart.fromBytes(b.key, b.state));
          }
          flows = fold.result();
          if (flows != null && flows.size() < pieces.size()) {
            seamsJoined++;
          }
        }
        if (flows == null) {
          rebuilt++;
          continue;
        }
        folded++;
        assertEquals(text(expected), text(Packets.records(flows)), "run " + run + " key " + key.getKey());
      }
    }
    assertTrue(folded > 3 * rebuilt, "folded " + folded + ", rebuilt " + rebuilt);
    assertTrue(seamsJoined > 300, "seams joined " + seamsJoined);
    assertTrue(rebuilt > 50, "rebuilt " + rebuilt);
  }

  /**
   * Packets of a few keys, mostly in time order with small jitter and some jumps back, in one to three files
   * (each starting near the same time, so they overlap), each cut into segments.
   */
  private static List<Placed> randomCapture(Random random) {
    int keys = 1 + random.nextInt(12);
    int files = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
    List<Placed> capture = new ArrayList<>();
    int segment = 0;
    for (int f = 0; f < files; f++) {
      String file = "f" + f + ".pcap";
      long t = random.nextInt(5) * MS;
      int count = 5 + random.nextInt(120);
      for (int i = 0; i < count; i++) {
        if (i > 0 && random.nextInt(25) == 0) {
          segment++;
        }
        int gapKind = random.nextInt(20);
        t += gapKind == 0 ? 60 * MS : gapKind == 1 && random.nextInt(4) == 0 ? -random.nextInt(8) * MS
            : gapKind < 4 ? 0 : random.nextInt(6) * MS;
        int k = random.nextInt(keys);
        boolean fromClient = random.nextBoolean();
        boolean tcp = k % 3 != 2;
        String client = "10.0.0." + (1 + k % 5);
        String server = "10.9.0." + (1 + k / 5);
        int clientPort = 40000 + k;
        long payload = random.nextInt(3) == 0 ? random.nextInt(1400) : 0;
        PacketView p = Packets.packet(t, tcp ? 6 : 17,
            Packets.ipv4(fromClient ? client : server), fromClient ? clientPort : 443,
            Packets.ipv4(fromClient ? server : client), fromClient ? 443 : clientPort,
            tcp ? FLAGS[random.nextInt(FLAGS.length)] : PacketView.NO_TCP_FLAGS, 60 + payload, payload);
        p.fileOrder = i;
        capture.add(new Placed(p, file, segment));
      }
      segment++;
    }
    return capture;
  }

  /** Each key's packets in the order one pass takes them: time, then file name, then place in the file. */
  private static Map<FlowKey, List<PacketView>> packetsByKeyInCaptureOrder(List<Placed> capture) {
    List<Placed> sorted = new ArrayList<>(capture);
    sorted.sort(Comparator.comparingLong((Placed p) -> p.packet.timestampNanos).thenComparing(p -> p.file)
        .thenComparingLong(p -> p.packet.fileOrder));
    Map<FlowKey, List<PacketView>> byKey = new HashMap<>();
    for (Placed p : sorted) {
      byKey.computeIfAbsent(FlowKey.of(p.packet), k -> new ArrayList<>()).add(p.packet);
    }
    return byKey;
  }

  private static String text(List<FlowRecord> rows) {
    StringBuilder out = new StringBuilder();
    for (FlowRecord row : rows) {
      out.append(row).append(' ').append(row.getZeekConnState()).append('\n');
    }
    return out.toString();
  }
}
