package org.nexusflowmeter.jobs.report.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * GroupCounts' sums against plain maps of strings, on combinations its cache cannot tell apart by lengths and
 * end bytes (files of one length, states of one length with the same first and last byte), added in random order
 * through strings that point into a reused buffer, as a flow table's rows give them; split, serialized and merged.
 */
class GroupCountsTest {
  private static final String[] PROTOCOLS = {"TCP", "UDP", "ICMP", "GRE", "ICMPv6", "ESP"};
  private static final String[] STATES = {"SF", "S0", "S1", "REJ", "RSTO", "RSTR", "RSTOS0", "OTH", "SHR", "Unknown"};
  private static final String[] FILES = {null, "/data/a-01.pcap", "/data/b-01.pcap", "/data/a-02.pcap", "/x.pcap"};

  @Test
  void sumsEveryCombinationAsAMapOfStringsDoes() throws Exception {
    SplittableRandom random = new SplittableRandom(20261129);
    Map<String, long[]> expected = new TreeMap<>();
    GroupCounts first = new GroupCounts();
    GroupCounts second = new GroupCounts();
    byte[] buffer = new byte[64];
    for (int i = 0; i < 200_000; i++) {
      String protocol = PROTOCOLS[random.nextInt(PROTOCOLS.length)];
      String state = STATES[random.nextInt(STATES.length)];
      String file = FILES[random.nextInt(FILES.length)];
      long packets = random.nextLong(1, 1000);
      long bytes = random.nextLong(40, 1_000_000);
      long[] sums = expected.computeIfAbsent(protocol + "|" + state + "|" + file, k -> new long[3]);
      sums[0]++;
      sums[1] += packets;
      sums[2] += bytes;
      GroupCounts counts = i < 120_000 ? first : second;
      if (i == 60_000) {
        first = roundTrip(first);
        counts = first;
      }
      counts.add(inBuffer(buffer, 0, protocol), inBuffer(buffer, 16, state),
          file == null ? null : inBuffer(buffer, 32, file), packets, bytes);
    }
    first.merge(roundTrip(second));
    Map<String, String> actual = new TreeMap<>();
    for (FlowTableSummary.Group g : first.groups()) {
      actual.put(g.protocol() + "|" + g.state() + "|" + g.sourceFile(),
          Arrays.toString(new long[] {g.flows(), g.packets(), g.bytes()}));
    }
    Map<String, String> want = new TreeMap<>();
    expected.forEach((key, sums) -> want.put(key, Arrays.toString(sums)));
    assertEquals(want, actual);
  }

  /** The text as a UTF8String over {@code buffer} (overwritten by the next row's). */
  private static UTF8String inBuffer(byte[] buffer, int at, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, buffer, at, bytes.length);
    return UTF8String.fromBytes(buffer, at, bytes.length);
  }

  private static GroupCounts roundTrip(GroupCounts counts) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(counts);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (GroupCounts) in.readObject();
    }
  }
}
