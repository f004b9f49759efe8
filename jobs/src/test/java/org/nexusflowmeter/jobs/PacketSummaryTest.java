package org.nexusflowmeter.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The README's sample capture summarised. Expected numbers come from tshark on samples/lo-sample.pcap:
 * `capinfos` (464 packets, first 2026-11-26 23:20:45.184207, last 23:20:50.712781),
 * `-T fields -e frame.len` summed (244,418 bytes) and `-e ip.proto` counted (444 TCP, 12 ICMP, 8 UDP).
 */
class PacketSummaryTest {
  private static final Path SAMPLE = Path.of("..", "samples", "lo-sample.pcap");
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("PacketSummaryTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void summarisesTheSampleCapture() {
    assertTrue(Files.isRegularFile(SAMPLE), "sample capture missing: " + SAMPLE.toAbsolutePath());
    TrafficSummary summary =
        TrafficSummary.of(spark.read().format("pcap").load(SAMPLE.toString()), 3, 5);

    assertEquals(464, summary.packets);
    assertEquals(244_418, summary.wireBytes);
    assertEquals(1_795_735_245_184_207_000L, summary.firstNs);
    assertEquals(1_795_735_250_712_781_000L, summary.lastNs);
    assertEquals(Map.of("TCP", 444L, "ICMP", 12L, "UDP", 8L), summary.packetsByProtocol);
    assertEquals(0, summary.malformed);
    assertEquals(List.of(), summary.firstErrors);
    // Loopback only: every packet comes from 127.0.0.1.
    assertEquals(List.of(new TrafficSummary.Talker("127.0.0.1", 244_418, 464)), summary.topTalkers);

    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PacketSummary.print("lo-sample.pcap", summary, new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("packets           464"), printed);
    assertTrue(printed.contains("time span         5.528574 s"), printed);
  }
}
