package org.nexusflowmeter.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.jobs.flows.FlowJob;
import org.nexusflowmeter.jobs.flows.FlowJobOptions;
import org.nexusflowmeter.jobs.flows.FlowRunSummary;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The report's numbers over small flow tables whose statistics are worked out by hand: an exact median, ties
 * among the top flows broken by start time then flow id, and a table without flows (all zero, no division).
 */
class FlowStatisticsTest {
  private static final StructType COLUMNS = new StructType()
      .add("flow_id", DataTypes.StringType).add("protocol", DataTypes.StringType)
      .add("start_time", DataTypes.TimestampType).add("duration_seconds", DataTypes.DoubleType)
      .add("total_packets", DataTypes.LongType).add("total_bytes", DataTypes.LongType)
      .add("is_bidirectional", DataTypes.BooleanType).add("connection_state", DataTypes.StringType);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("FlowStatisticsTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void numbersOfFourFlows() {
    FlowStatistics stats = FlowStatistics.of(table(
        flow("b", "TCP", 20, 1.0, 10, 1000, true, "Closed"),
        flow("a", "TCP", 20, 2.0, 10, 500, true, "Reset"),
        flow("c", "UDP", 10, 10.0, 10, 500, false, "Unknown"),
        flow("d", "ICMP", 30, 3.0, 2, 100, false, "Unknown")));
    assertEquals(4, stats.flows);
    assertEquals(32, stats.packets);
    assertEquals(2100, stats.bytes);
    assertEquals(2, stats.bidirectional);
    assertEquals(4.0, stats.averageDurationSeconds, 1e-12);
    // exact median of 1, 2, 3, 10
    assertEquals(2.5, stats.medianDurationSeconds, 1e-12);
    assertEquals(10.0, stats.maxDurationSeconds);
    assertEquals(8.0, stats.averagePackets, 1e-12);
    assertEquals(525.0, stats.averageBytes, 1e-12);
    assertEquals(10, stats.maxPackets);
    assertEquals(1000, stats.maxBytes);
    assertEquals(List.of("TCP", "ICMP", "UDP"), List.copyOf(stats.byProtocol.keySet()), "most first, ties by name");
    assertEquals(Map.of("TCP", 2L, "UDP", 1L, "ICMP", 1L), stats.byProtocol);
    assertEquals(Map.of("Closed", 1L, "Reset", 1L, "Unknown", 2L), stats.byState);
    // 10 packets each: c starts first; a and b start together, a's id sorts first
    assertEquals(List.of("c", "a", "b", "d"), ids(stats.topByPackets));
    assertEquals(List.of("b", "c", "a", "d"), ids(stats.topByBytes));
    assertEquals(50.0, stats.percentOfFlows(2));
  }

  @Test
  void aTableWithoutFlowsIsAllZeros(@TempDir Path dir) throws IOException {
    FlowStatistics stats = FlowStatistics.of(table());
    assertEquals(0, stats.flows);
    assertEquals(0.0, stats.medianDurationSeconds);
    assertEquals(0.0, stats.percentOfFlows(0));
    assertTrue(stats.byProtocol.isEmpty() && stats.topByPackets.isEmpty());
    RunFacts facts = new RunFacts("x.pcap", OffsetDateTime.of(2026, 11, 27, 6, 0, 0, 0, ZoneOffset.UTC), 1.5, null,
        0, 1, List.of(), List.of("x.csv"), "local[2]", 1 << 20);
    Path empty = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).write(dir.resolve("x.pcap"));
    FlowRunSummary run = FlowRunSummary.of(
        FlowJob.run(spark.read().format("pcap").load(empty.toString()), FlowJobOptions.defaults()));
    String text = TextReport.render(facts, stats, run);
    assertTrue(text.contains("Total flows analyzed: 0"), text);
    assertTrue(text.contains("Bidirectional flows: 0 (0.0%)"), text);
    assertTrue(text.contains("Packets read: 0"), text);
    assertTrue(text.contains("(Spark local[2], splits of at most 1048576 bytes)"), text);
  }

  private static Row flow(String id, String protocol, long startSecond, double duration, long packets, long bytes,
      boolean bidirectional, String state) {
    return RowFactory.create(id, protocol, new Timestamp(startSecond * 1000), duration, packets, bytes,
        bidirectional, state);
  }

  private static Dataset<Row> table(Row... rows) {
    return spark.createDataFrame(List.of(rows), COLUMNS);
  }

  private static List<String> ids(List<FlowStatistics.TopFlow> flows) {
    return flows.stream().map(f -> f.flowId).collect(Collectors.toList());
  }
}
