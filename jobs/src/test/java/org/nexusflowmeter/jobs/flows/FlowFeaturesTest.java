package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nexusflowmeter.jobs.flows.Frames.ACK;
import static org.nexusflowmeter.jobs.flows.Frames.FIN;
import static org.nexusflowmeter.jobs.flows.Frames.PSH;
import static org.nexusflowmeter.jobs.flows.Frames.RST;
import static org.nexusflowmeter.jobs.flows.Frames.SYN;
import static org.nexusflowmeter.jobs.flows.Frames.UDP;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The flow rules of the spec (../shared/spec/flows.md) pinned one by one on hand-built frames, through FlowJob.
 * Every scenario has a host pair of its own (10.0.N.1 / 10.0.N.2), so one capture holds them all and one job run
 * (two for the active timeout) answers every test. Expected values are worked out from the frame sizes
 * (Ethernet 14, VLAN tag 4, IPv4 20, IPv6 40, TCP 20, UDP 8, ICMP 8, ARP 28) and the spec's rules.
 */
class FlowFeaturesTest {
  private static final long T0 = 1_795_735_245_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MICROSECOND = 1_000L;
  private static final long IDLE_TIMEOUT = 60 * SECOND;
  private static final String FLOW_ID = "flow_id";

  private static SparkSession spark;
  private static Map<String, Row> flows;
  private static Map<String, Row> flowsWithActiveTimeout;

  @BeforeAll
  static void runTheJobOnAllScenarios(@TempDir Path dir) throws Exception {
    spark = LocalSpark.start("FlowFeaturesTest");
    CaptureFileWriter.Pcap capture = Frames.capture();
    handshakeAndClose(capture);
    synScan(capture);
    rejected(capture);
    resetByInitiator(capture);
    halfClosed(capture);
    midstream(capture);
    synAckFirst(capture);
    portReusedAfterClose(capture);
    idleGaps(capture);
    activeTimeout(capture);
    outOfOrder(capture);
    loopback(capture);
    ipv6(capture);
    vlan(capture);
    arp(capture);
    icmp(capture);
    fragments(capture);
    zeroDuration(capture);
    Path file = capture.write(dir.resolve("features.pcap"));

    Dataset<Row> packets = spark.read().format("pcap").load(file.toString());
    flows = byId(FlowJob.flows(packets, FlowJobOptions.defaults()));
    flowsWithActiveTimeout =
        byId(FlowJob.flows(packets, FlowJobOptions.defaults().withActiveTimeout(Duration.ofSeconds(10))));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  // ---- TCP ----

  private static void handshakeAndClose(CaptureFileWriter.Pcap c) {
    String a = "10.0.1.1";
    String b = "10.0.1.2";
    c.packet(T0, Frames.tcp4(a, 40001, b, 80, SYN, 0))
        .packet(T0 + MS, Frames.tcp4(b, 80, a, 40001, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4(a, 40001, b, 80, ACK, 0))
        .packet(T0 + 3 * MS, Frames.tcp4(a, 40001, b, 80, PSH | ACK, 10))
        .packet(T0 + 4 * MS, Frames.tcp4(b, 80, a, 40001, ACK, 0))
        .packet(T0 + 5 * MS, Frames.tcp4(a, 40001, b, 80, FIN | ACK, 0))
        .packet(T0 + 6 * MS, Frames.tcp4(b, 80, a, 40001, FIN | ACK, 0))
        .packet(T0 + 8 * MS, Frames.tcp4(a, 40001, b, 80, ACK, 0));
  }

  @Test
  void handshakeAndCloseIsClosed() {
    // forward: SYN, ACK, PSH+10, FIN, ACK = 5 × 54 + 10; backward: SYN+ACK, ACK, FIN = 3 × 54
    assertColumns("10.0.1.1:40001 <-> 10.0.1.2:80 (TCP)",
        "src_ip", "10.0.1.1", "src_port", 40001, "dst_port", 80, "protocol", "TCP",
        "start_time", time(T0), "end_time", time(T0 + 8 * MS), "duration_seconds", 0.008,
        "total_packets", 8L, "forward_packets", 5L, "backward_packets", 3L, "is_bidirectional", true,
        "total_bytes", 442L, "forward_bytes", 280L, "backward_bytes", 162L,
        "total_payload_bytes", 10L, "forward_payload_bytes", 10L, "backward_payload_bytes", 0L,
        "min_packet_size", 54L, "max_packet_size", 64L, "avg_packet_size", 442 / 8.0,
        "avg_inter_arrival_ms", 8.0 / 7, "min_inter_arrival_ms", 1.0, "max_inter_arrival_ms", 2.0,
        "tcp_flags", "FIN|SYN|PSH|ACK", "syn_count", 2L, "fin_count", 2L, "rst_count", 0L, "ack_count", 7L,
        "connection_state", "Closed");
  }

  private static void synScan(CaptureFileWriter.Pcap c) {
    int[] ports = {21, 22, 23, 25};
    for (int i = 0; i < ports.length; i++) {
      c.packet(T0 + i * MS, Frames.tcp4("10.0.2.1", 50000, "10.0.2.2", ports[i], SYN, 0));
    }
  }

  @Test
  void synScanIsOneAttemptedSinglePacketFlowPerPort() {
    List<String> scanFlows = flows.keySet().stream().filter(id -> id.contains("10.0.2.")).collect(Collectors.toList());
    assertEquals(List.of("10.0.2.1:50000 <-> 10.0.2.2:21 (TCP)", "10.0.2.1:50000 <-> 10.0.2.2:22 (TCP)",
        "10.0.2.1:50000 <-> 10.0.2.2:23 (TCP)", "10.0.2.1:50000 <-> 10.0.2.2:25 (TCP)"), scanFlows);
    for (String id : scanFlows) {
      // one packet: duration 0, so no rates; no gaps; nothing backward, so no ratio
      assertColumns(id, "total_packets", 1L, "forward_packets", 1L, "is_bidirectional", false,
          "duration_seconds", 0.0, "forward_backward_ratio", null, "packets_per_second", null,
          "bytes_per_second", null, "avg_inter_arrival_ms", null, "min_inter_arrival_ms", null,
          "max_inter_arrival_ms", null, "total_bytes", 54L, "avg_packet_size", 54.0, "tcp_flags", "SYN",
          "syn_count", 1L, "ack_count", 0L, "connection_state", "Attempted");
    }
  }

  private static void rejected(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.tcp4("10.0.3.1", 40003, "10.0.3.2", 81, SYN, 0))
        .packet(T0 + MS, Frames.tcp4("10.0.3.2", 81, "10.0.3.1", 40003, RST | ACK, 0));
  }

  @Test
  void rstFromTheResponderToASynIsRejected() {
    assertColumns("10.0.3.1:40003 <-> 10.0.3.2:81 (TCP)", "forward_packets", 1L, "backward_packets", 1L,
        "forward_backward_ratio", 1.0, "tcp_flags", "SYN|RST|ACK", "syn_count", 1L, "rst_count", 1L,
        "ack_count", 1L, "packets_per_second", 2 / 0.001, "connection_state", "Rejected");
  }

  private static void resetByInitiator(CaptureFileWriter.Pcap c) {
    String a = "10.0.4.1";
    String b = "10.0.4.2";
    c.packet(T0, Frames.tcp4(a, 40004, b, 443, SYN, 0))
        .packet(T0 + MS, Frames.tcp4(b, 443, a, 40004, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4(a, 40004, b, 443, ACK, 0))
        .packet(T0 + 3 * MS, Frames.tcp4(a, 40004, b, 443, PSH | ACK, 100))
        .packet(T0 + 4 * MS, Frames.tcp4(b, 443, a, 40004, PSH | ACK, 200))
        .packet(T0 + 5 * MS, Frames.tcp4(a, 40004, b, 443, RST | ACK, 0));
  }

  @Test
  void rstFromTheInitiatorAfterDataIsReset() {
    assertColumns("10.0.4.1:40004 <-> 10.0.4.2:443 (TCP)", "forward_packets", 4L, "backward_packets", 2L,
        "forward_payload_bytes", 100L, "backward_payload_bytes", 200L, "forward_bytes", 4 * 54 + 100L,
        "backward_bytes", 2 * 54 + 200L, "tcp_flags", "SYN|RST|PSH|ACK", "rst_count", 1L, "ack_count", 5L,
        "connection_state", "Reset");
  }

  private static void halfClosed(CaptureFileWriter.Pcap c) {
    String a = "10.0.5.1";
    String b = "10.0.5.2";
    c.packet(T0, Frames.tcp4(a, 40005, b, 22, SYN, 0))
        .packet(T0 + MS, Frames.tcp4(b, 22, a, 40005, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4(a, 40005, b, 22, ACK, 0))
        .packet(T0 + 3 * MS, Frames.tcp4(a, 40005, b, 22, FIN | ACK, 0))
        .packet(T0 + 4 * MS, Frames.tcp4(b, 22, a, 40005, ACK, 0));
  }

  @Test
  void oneFinOnlyIsClosing() {
    assertColumns("10.0.5.1:40005 <-> 10.0.5.2:22 (TCP)", "total_packets", 5L, "fin_count", 1L,
        "tcp_flags", "FIN|SYN|ACK", "connection_state", "Closing");
  }

  private static void midstream(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.tcp4("10.0.6.2", 443, "10.0.6.1", 40006, PSH | ACK, 100))
        .packet(T0 + MS, Frames.tcp4("10.0.6.1", 40006, "10.0.6.2", 443, ACK, 0));
  }

  @Test
  void trafficWithoutSynIsMidstreamWithTheFirstSenderAsSource() {
    assertColumns("10.0.6.2:443 <-> 10.0.6.1:40006 (TCP)", "src_ip", "10.0.6.2", "src_port", 443,
        "forward_payload_bytes", 100L, "backward_payload_bytes", 0L, "syn_count", 0L,
        "connection_state", "Midstream");
  }

  private static void synAckFirst(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.tcp4("10.0.7.2", 80, "10.0.7.1", 40007, SYN | ACK, 0))
        .packet(T0 + MS, Frames.tcp4("10.0.7.1", 40007, "10.0.7.2", 80, ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4("10.0.7.1", 40007, "10.0.7.2", 80, PSH | ACK, 5));
  }

  @Test
  void aFlowStartingWithSynAckHasTheReceiverAsInitiator() {
    // the SYN+ACK's receiver is the source, so the SYN+ACK itself is backward
    assertColumns("10.0.7.1:40007 <-> 10.0.7.2:80 (TCP)", "src_ip", "10.0.7.1", "src_port", 40007,
        "dst_ip", "10.0.7.2", "dst_port", 80, "forward_packets", 2L, "backward_packets", 1L,
        "forward_payload_bytes", 5L, "forward_backward_ratio", 2.0, "syn_count", 1L,
        "connection_state", "Established");
  }

  private static void portReusedAfterClose(CaptureFileWriter.Pcap c) {
    String a = "10.0.8.1";
    String b = "10.0.8.2";
    c.packet(T0, Frames.tcp4(a, 40008, b, 80, SYN, 0))
        .packet(T0 + MS, Frames.tcp4(b, 80, a, 40008, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp4(a, 40008, b, 80, ACK, 0))
        .packet(T0 + 3 * MS, Frames.tcp4(a, 40008, b, 80, FIN | ACK, 0))
        .packet(T0 + 4 * MS, Frames.tcp4(b, 80, a, 40008, FIN | ACK, 0))
        .packet(T0 + 5 * MS, Frames.tcp4(a, 40008, b, 80, ACK, 0))
        // a retransmitted FIN after both FINs is no SYN: it stays in the closed flow
        .packet(T0 + 6 * MS, Frames.tcp4(b, 80, a, 40008, FIN | ACK, 0))
        .packet(T0 + SECOND, Frames.tcp4(a, 40008, b, 80, SYN, 0))
        .packet(T0 + SECOND + MS, Frames.tcp4(b, 80, a, 40008, SYN | ACK, 0))
        .packet(T0 + SECOND + 2 * MS, Frames.tcp4(a, 40008, b, 80, ACK, 0));
  }

  @Test
  void aSynAfterACloseStartsTheKeysSecondFlow() {
    assertColumns("10.0.8.1:40008 <-> 10.0.8.2:80 (TCP)", "total_packets", 7L, "fin_count", 3L,
        "end_time", time(T0 + 6 * MS), "connection_state", "Closed");
    assertColumns("10.0.8.1:40008 <-> 10.0.8.2:80 (TCP) #2", "src_ip", "10.0.8.1", "total_packets", 3L,
        "start_time", time(T0 + SECOND), "tcp_flags", "SYN|ACK", "connection_state", "Established");
    assertFalse(flows.containsKey("10.0.8.1:40008 <-> 10.0.8.2:80 (TCP) #3"));
  }

  // ---- timeouts ----

  private static void idleGaps(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.udp4("10.0.9.1", 5001, "10.0.9.2", 53, 0))
        .packet(T0 + IDLE_TIMEOUT, Frames.udp4("10.0.9.2", 53, "10.0.9.1", 5001, 0))
        .packet(T0, Frames.udp4("10.0.9.1", 5002, "10.0.9.2", 53, 0))
        .packet(T0 + IDLE_TIMEOUT - MICROSECOND, Frames.udp4("10.0.9.2", 53, "10.0.9.1", 5002, 0))
        .packet(T0, Frames.udp4("10.0.9.1", 5003, "10.0.9.2", 53, 0))
        .packet(T0 + IDLE_TIMEOUT + MICROSECOND, Frames.udp4("10.0.9.2", 53, "10.0.9.1", 5003, 0));
  }

  @Test
  void onlyAGapStrictlyLongerThanTheIdleTimeoutSplits() {
    assertColumns("10.0.9.1:5001 <-> 10.0.9.2:53 (UDP)", "total_packets", 2L, "duration_seconds", 60.0,
        "max_inter_arrival_ms", 60_000.0);
    assertColumns("10.0.9.1:5002 <-> 10.0.9.2:53 (UDP)", "total_packets", 2L, "duration_seconds", 59.999999);
    assertColumns("10.0.9.1:5003 <-> 10.0.9.2:53 (UDP)", "total_packets", 1L, "backward_packets", 0L);
    // the second flow's first packet is the reply, so its sender is that flow's source
    assertColumns("10.0.9.2:53 <-> 10.0.9.1:5003 (UDP) #2", "src_ip", "10.0.9.2", "src_port", 53,
        "total_packets", 1L, "start_time", time(T0 + IDLE_TIMEOUT + MICROSECOND));
    assertFalse(flows.containsKey("10.0.9.2:53 <-> 10.0.9.1:5001 (UDP) #2"));
    assertFalse(flows.containsKey("10.0.9.2:53 <-> 10.0.9.1:5002 (UDP) #2"));
  }

  private static void activeTimeout(CaptureFileWriter.Pcap c) {
    for (long second : new long[] {0, 4, 8, 12, 16, 20, 22}) {
      c.packet(T0 + second * SECOND, Frames.udp4("10.0.10.1", 5010, "10.0.10.2", 123, 48));
    }
  }

  @Test
  void theActiveTimeoutSplitsOnlyWhenAFlowIsStrictlyOlder() {
    assertColumns("10.0.10.1:5010 <-> 10.0.10.2:123 (UDP)", "total_packets", 7L, "duration_seconds", 22.0);
    // 10 s active timeout: 12 - 0 > 10 starts flow 2 at 12; 22 - 12 = 10 is not more, so 22 stays in it
    Row first = flowsWithActiveTimeout.get("10.0.10.1:5010 <-> 10.0.10.2:123 (UDP)");
    Row second = flowsWithActiveTimeout.get("10.0.10.1:5010 <-> 10.0.10.2:123 (UDP) #2");
    assertNotNull(first, flowsWithActiveTimeout.keySet().toString());
    assertNotNull(second, flowsWithActiveTimeout.keySet().toString());
    assertEquals(List.of(3L, 8.0, 4000.0), List.of(first.getAs("total_packets"), first.getAs("duration_seconds"),
        first.getAs("avg_inter_arrival_ms")));
    assertEquals(List.of(4L, 10.0, time(T0 + 12 * SECOND), 0.4), List.of(second.getAs("total_packets"),
        second.getAs("duration_seconds"), second.getAs("start_time"), second.getAs("packets_per_second")));
    assertFalse(flowsWithActiveTimeout.containsKey("10.0.10.1:5010 <-> 10.0.10.2:123 (UDP) #3"));
  }

  private static void outOfOrder(CaptureFileWriter.Pcap c) {
    c.packet(T0 + 2 * SECOND, Frames.udp4("10.0.11.1", 5011, "10.0.11.2", 53, 10))
        .packet(T0 + SECOND, Frames.udp4("10.0.11.2", 53, "10.0.11.1", 5011, 20))
        .packet(T0 + 3 * SECOND, Frames.udp4("10.0.11.1", 5011, "10.0.11.2", 53, 30));
  }

  @Test
  void packetsAreTakenInTimeOrderNotFileOrder() {
    // in time order the reply (1 s) comes first, so its sender is the source
    assertColumns("10.0.11.2:53 <-> 10.0.11.1:5011 (UDP)", "src_ip", "10.0.11.2",
        "start_time", time(T0 + SECOND), "end_time", time(T0 + 3 * SECOND), "duration_seconds", 2.0,
        "forward_packets", 1L, "backward_packets", 2L, "forward_payload_bytes", 20L,
        "backward_payload_bytes", 40L, "forward_backward_ratio", 0.5, "avg_inter_arrival_ms", 1000.0,
        "min_inter_arrival_ms", 1000.0, "max_inter_arrival_ms", 1000.0);
  }

  // ---- addresses and link layers ----

  private static void loopback(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.udp4("127.0.0.1", 40012, "127.0.0.1", 8080, 5))
        .packet(T0 + MS, Frames.udp4("127.0.0.1", 8080, "127.0.0.1", 40012, 7))
        .packet(T0 + 2 * MS, Frames.udp4("127.0.0.1", 40012, "127.0.0.1", 8080, 9));
  }

  @Test
  void loopbackBetweenTwoPortsOfOneAddressHasBothDirections() {
    assertColumns("127.0.0.1:40012 <-> 127.0.0.1:8080 (UDP)", "src_ip", "127.0.0.1", "dst_ip", "127.0.0.1",
        "src_port", 40012, "dst_port", 8080, "forward_packets", 2L, "backward_packets", 1L,
        "is_bidirectional", true, "forward_payload_bytes", 14L, "backward_payload_bytes", 7L,
        "forward_bytes", 47L + 51L, "backward_bytes", 49L);
  }

  private static void ipv6(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.tcp6("2001:db8:0:0::a", 40013, "2001:db8::b", 443, SYN, 0))
        .packet(T0 + MS, Frames.tcp6("2001:db8::b", 443, "2001:db8::a", 40013, SYN | ACK, 0))
        .packet(T0 + 2 * MS, Frames.tcp6("2001:db8::a", 40013, "2001:db8::b", 443, ACK, 0));
  }

  @Test
  void ipv6AddressesAreCanonicalAndBracketedInTheFlowId() {
    // 14 + 40 + 20 = 74 bytes a segment
    assertColumns("[2001:db8::a]:40013 <-> [2001:db8::b]:443 (TCP)", "src_ip", "2001:db8::a",
        "dst_ip", "2001:db8::b", "total_bytes", 222L, "min_packet_size", 74L, "connection_state", "Established");
  }

  private static void vlan(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.vlan(100, Frames.udp4("10.0.14.1", 5014, "10.0.14.2", 53, 10)))
        .packet(T0 + MS, Frames.vlan(200, Frames.udp4("10.0.14.2", 53, "10.0.14.1", 5014, 20)))
        .packet(T0 + 2 * MS, Frames.udp4("10.0.14.1", 5014, "10.0.14.2", 53, 0));
  }

  @Test
  void vlanTagsAreNotPartOfTheKeyButCountInTheFrameLength() {
    // 42 + 10 + 4, 42 + 20 + 4, 42
    assertColumns("10.0.14.1:5014 <-> 10.0.14.2:53 (UDP)", "total_packets", 3L, "forward_bytes", 98L,
        "backward_bytes", 66L, "total_payload_bytes", 30L, "min_packet_size", 42L, "max_packet_size", 66L);
  }

  private static void arp(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.arp("10.0.15.1", "10.0.15.2"))
        .packet(T0 + MS, Frames.arpReply("10.0.15.2", "10.0.15.1"));
  }

  @Test
  void arpRequestAndReplyAreOnePortlessFlowFromTheFirstSender() {
    assertColumns("10.0.15.1 <-> 10.0.15.2 (ARP)", "protocol", "ARP", "src_ip", "10.0.15.1",
        "src_port", null, "dst_port", null, "forward_packets", 1L, "backward_packets", 1L,
        "total_bytes", 84L, "total_payload_bytes", 0L, "tcp_flags", null, "syn_count", 0L,
        "connection_state", "Unknown");
  }

  private static void icmp(CaptureFileWriter.Pcap c) {
    String a = "10.0.16.1";
    String b = "10.0.16.2";
    byte[] probe = Frames.udp4(a, 5016, b, 9, 4);
    c.packet(T0, Frames.icmp4(a, b, 56))
        .packet(T0 + MS, Frames.icmp4Reply(b, a, 56))
        .packet(T0 + 2 * MS, probe)
        .packet(T0 + 3 * MS, Frames.icmp4PortUnreachable(b, a, probe));
  }

  @Test
  void icmpEchoAndErrorsShareOnePortlessFlowPerHostPair() {
    // echo 14 + 20 + 8 + 56 = 98 twice; the error quotes the probe's IP header and 8 bytes: 28 of payload
    assertColumns("10.0.16.1 <-> 10.0.16.2 (ICMP)", "protocol", "ICMP", "src_port", null, "dst_port", null,
        "total_packets", 3L, "forward_packets", 1L, "backward_packets", 2L, "total_bytes", 98L + 98 + 70,
        "total_payload_bytes", 56L + 56 + 28, "tcp_flags", null, "connection_state", "Unknown");
    // the quoted UDP header does not pull the error into the probe's flow
    assertColumns("10.0.16.1:5016 <-> 10.0.16.2:9 (UDP)", "total_packets", 1L, "total_bytes", 46L);
  }

  private static void fragments(CaptureFileWriter.Pcap c) {
    // one UDP datagram of 1000 data bytes (UDP length 1008) in two fragments: 520 IP payload bytes, then 488
    byte[] head = Frames.udpHeaderAndData(5017, 53, 1000, 512);
    c.packet(T0, Frames.ipv4Fragment("10.0.17.1", "10.0.17.2", UDP, 0x1234, 0, true, head))
        .packet(T0 + MS, Frames.ipv4Fragment("10.0.17.1", "10.0.17.2", UDP, 0x1234, 520, false, new byte[488]));
  }

  @Test
  void aFirstFragmentIsInTheUdpFlowAndLaterFragmentsInAPortlessOne() {
    // the UDP length (1008) is more than this fragment's IP payload (520), so its payload is what the fragment
    // carries after the UDP header: 520 - 8
    assertColumns("10.0.17.1:5017 <-> 10.0.17.2:53 (UDP)", "total_packets", 1L, "total_bytes", 554L,
        "total_payload_bytes", 512L);
    assertColumns("10.0.17.1 <-> 10.0.17.2 (UDP)", "protocol", "UDP", "src_port", null, "dst_port", null,
        "total_packets", 1L, "total_bytes", 522L, "total_payload_bytes", 488L, "connection_state", "Unknown");
  }

  private static void zeroDuration(CaptureFileWriter.Pcap c) {
    c.packet(T0, Frames.udp4("10.0.18.1", 5018, "10.0.18.2", 53, 1))
        .packet(T0, Frames.udp4("10.0.18.2", 53, "10.0.18.1", 5018, 2));
  }

  @Test
  void ratesAreNullWhenTheDurationIsZeroAndGapsAreZeroNotNull() {
    assertColumns("10.0.18.1:5018 <-> 10.0.18.2:53 (UDP)", "total_packets", 2L, "duration_seconds", 0.0,
        "packets_per_second", null, "bytes_per_second", null, "avg_inter_arrival_ms", 0.0,
        "min_inter_arrival_ms", 0.0, "max_inter_arrival_ms", 0.0, "forward_backward_ratio", 1.0);
  }

  @Test
  void noFlowIdRepeatsAndNoDoubleIsNanOrInfinite() {
    // byId fails on a repeated id; 27 = the flows the scenarios above make
    List<Row> all = List.copyOf(flows.values());
    assertEquals(27, all.size(), flows.keySet().toString());
    for (Row row : all) {
      for (StructField field : row.schema().fields()) {
        if (field.dataType() instanceof DoubleType && row.getAs(field.name()) != null) {
          double value = row.getAs(field.name());
          assertFalse(Double.isNaN(value) || Double.isInfinite(value), row.getString(0) + " " + field.name());
        }
      }
    }
  }

  private static Map<String, Row> byId(Dataset<Row> flowTable) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row row : flowTable.collectAsList()) {
      Row previous = rows.put(row.getAs(FLOW_ID), row);
      assertNull(previous, "flow_id twice: " + row.getAs(FLOW_ID));
    }
    return rows;
  }

  private static void assertColumns(String flowId, Object... namesAndValues) {
    Row row = flows.get(flowId);
    assertNotNull(row, flowId + " not in " + flows.keySet());
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String column = (String) namesAndValues[i];
      assertEquals(namesAndValues[i + 1], row.getAs(column), flowId + " " + column);
    }
  }

  private static Timestamp time(long epochNanos) {
    return Timestamp.from(Instant.ofEpochSecond(0, epochNanos));
  }
}
