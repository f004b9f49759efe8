package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nexusflowmeter.jobs.flows.Frames.ACK;
import static org.nexusflowmeter.jobs.flows.Frames.FIN;
import static org.nexusflowmeter.jobs.flows.Frames.PSH;
import static org.nexusflowmeter.jobs.flows.Frames.SYN;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Every column of the job's output on a hand-built capture, with the expected values worked out by hand from
 * the frames written (Ethernet 14 + IPv4 20 + TCP 20 = 54 bytes for an empty TCP segment).
 */
class FlowJobColumnsTest {
  private static final long T0 = 1_795_735_245_000_000_000L;
  private static final long MS = 1_000_000L;
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowJobColumnsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void columnsOfAHandshakeAndCloseAndOtherProtocols(@TempDir Path dir) throws Exception {
    String client = "10.0.0.1";
    String server = "10.0.0.2";
    CaptureFileWriter.Pcap capture = Frames.capture()
        .packet(T0, Frames.tcp4(client, 40000, server, 80, SYN, 0))
        .packet(T0 + MS, Frames.tcp4(server, 80, client, 40000, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4(client, 40000, server, 80, ACK, 0))
        .packet(T0 + 3 * MS, Frames.tcp4(client, 40000, server, 80, PSH | ACK, 100))
        .packet(T0 + 5 * MS, Frames.tcp4(server, 80, client, 40000, ACK, 0))
        .packet(T0 + 6 * MS, Frames.tcp4(client, 40000, server, 80, FIN | ACK, 0))
        .packet(T0 + 7 * MS, Frames.tcp4(server, 80, client, 40000, FIN | ACK, 0))
        .packet(T0 + 8 * MS, Frames.tcp4(client, 40000, server, 80, ACK, 0))
        .packet(T0 + 10 * MS, Frames.udp4("10.0.0.3", 5353, "10.0.0.4", 53, 30))
        .packet(T0 + 11 * MS, Frames.lldp())
        .packet(T0 + 12 * MS, Frames.arp(client, "10.0.0.9"))
        .packet(T0 + 13 * MS, Frames.udp6("2001:db8::1", 1000, "2001:db8::2", 2000, 4))
        .packet(T0 + 14 * MS, Frames.icmp4(client, server, 56))
        // more than 60 s after the first UDP packet: the key's second flow
        .packet(T0 + 10 * MS + 60_001 * MS, Frames.udp4("10.0.0.4", 53, "10.0.0.3", 5353, 20));
    Path file = dir.resolve("hand.pcap");
    capture.write(file);

    Dataset<Row> packets = spark.read().format("pcap").load(file.toString());
    Dataset<Row> flows = FlowJob.flows(packets, FlowJobOptions.defaults());
    assertEquals(FlowColumns.outputSchema(false), flows.schema());
    Map<String, Row> byId = new HashMap<>();
    for (Row row : flows.collectAsList()) {
      byId.put(row.getString(0), row);
    }
    assertEquals(6, byId.size(), byId.keySet().toString());

    Row tcp = byId.get("10.0.0.1:40000 <-> 10.0.0.2:80 (TCP)");
    assertEquals(List.of("10.0.0.1:40000 <-> 10.0.0.2:80 (TCP)", "10.0.0.1", "10.0.0.2", 40000, 80, "TCP",
        Timestamp.from(Instant.ofEpochSecond(0, T0)), Timestamp.from(Instant.ofEpochSecond(0, T0 + 8 * MS)),
        0.008, 8L, 5L, 3L, true, 5.0 / 3, 532L, 370L, 162L, 100L, 100L, 0L, 1000.0, 532 / 0.008,
        54L, 154L, 66.5, 8.0 / 7, 1.0, 2.0, "FIN|SYN|PSH|ACK", 2L, 2L, 0L, 7L, "Closed"), values(tcp));

    // UDP: 14 + 20 + 8 + 30 = 72 bytes; one packet, so rates and gaps are null, never NaN or Infinity
    Row udp = byId.get("10.0.0.3:5353 <-> 10.0.0.4:53 (UDP)");
    assertEquals(List.of("10.0.0.3:5353 <-> 10.0.0.4:53 (UDP)", "10.0.0.3", "10.0.0.4", 5353, 53, "UDP",
        Timestamp.from(Instant.ofEpochSecond(0, T0 + 10 * MS)), Timestamp.from(Instant.ofEpochSecond(0, T0 + 10 * MS)),
        0.0, 1L, 1L, 0L, false), values(udp).subList(0, 13));
    assertNull(udp.get(13));
    assertEquals(List.of(72L, 72L, 0L, 30L, 30L, 0L), values(udp).subList(14, 20));
    for (int nullColumn : new int[] {20, 21, 25, 26, 27, 28}) {
      assertNull(udp.get(nullColumn), "column " + nullColumn);
    }
    assertEquals("Unknown", udp.getString(33));

    Row udpSecond = byId.get("10.0.0.4:53 <-> 10.0.0.3:5353 (UDP) #2");
    assertEquals(List.of("10.0.0.4", "10.0.0.3", 53, 5353), values(udpSecond).subList(1, 5));
    assertEquals(62L, udpSecond.getLong(14));

    Row arp = byId.get("10.0.0.1 <-> 10.0.0.9 (ARP)");
    assertNull(arp.get(3));
    assertNull(arp.get(4));
    assertEquals(List.of("ARP", 1L, 42L, 0L), List.of(arp.get(5), arp.get(9), arp.get(14), arp.get(17)));

    // 14 + 40 + 8 + 4 = 66 bytes
    Row ipv6 = byId.get("[2001:db8::1]:1000 <-> [2001:db8::2]:2000 (UDP)");
    assertEquals(List.of("2001:db8::1", "2001:db8::2", 66L, 4L),
        List.of(ipv6.get(1), ipv6.get(2), ipv6.get(14), ipv6.get(17)));

    // 14 + 20 + 8 + 56 = 98 bytes, payload after the 8-byte ICMP header
    Row icmp = byId.get("10.0.0.1 <-> 10.0.0.2 (ICMP)");
    assertEquals(List.of("ICMP", 98L, 56L, "Unknown"), List.of(icmp.get(5), icmp.get(14), icmp.get(17), icmp.get(33)));

    FlowRunSummary summary = FlowRunSummary.of(FlowJob.run(packets, FlowJobOptions.defaults()));
    assertEquals(1, summary.files);
    assertEquals(14, summary.packets);
    assertEquals(13, summary.flowPackets);
    assertEquals(1, summary.nonIpFrames);
    assertEquals(0, summary.malformed + summary.untimed + summary.unkeyed);
    assertEquals(6, summary.flows);
    assertEquals(Map.of("TCP", 1L, "UDP", 3L, "ARP", 1L, "ICMP", 1L), summary.flowsByProtocol);
    assertEquals(Map.of("Closed", 1L, "Unknown", 5L), summary.flowsByState);
  }

  private static List<Object> values(Row row) {
    List<Object> values = new java.util.ArrayList<>();
    for (int i = 0; i < row.length(); i++) {
      values.add(row.get(i));
    }
    return values;
  }
}
