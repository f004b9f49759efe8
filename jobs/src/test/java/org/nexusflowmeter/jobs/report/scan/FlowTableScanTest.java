package org.nexusflowmeter.jobs.report.scan;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.jobs.flows.FlowOutputFormat;
import org.nexusflowmeter.jobs.flows.FlowSortOrder;
import org.nexusflowmeter.jobs.flows.FlowWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The scan against Spark SQL's own aggregations of the same generated table: median (Spark's percentile with
 * interpolation, compared exactly), averages, maxima, groups, top flows with their ties, addresses and top
 * talkers; with the default limits and with limits so small that the median takes several counting passes and
 * the addresses go to Spark's grouping; and from the first pass the tasks writing the table made. And how many
 * Spark jobs the reports cost.
 */
class FlowTableScanTest {
  private static final long FLOWS = 3_001;
  private static SparkSession spark;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start("FlowTableScanTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * Flows over three partitions: 17 packet counts (many ties at the top, broken by start then flow id, whose
   * text order is not numeric order), durations with many repeats, zeros and a few negatives, 91 + 11 addresses.
   */
  private static Dataset<Row> table(long flows) {
    return spark.range(0, flows, 1, 3).select(
        col("id"),
        expr("concat('f', id)").as("flow_id"),
        expr("concat('10.0.', id % 7, '.', id % 13)").as("src_ip"),
        expr("concat('192.168.0.', id % 11)").as("dst_ip"),
        expr("CASE WHEN id % 3 = 0 THEN 'UDP' WHEN id % 10 = 1 THEN 'ICMP' ELSE 'TCP' END").as("protocol"),
        expr("timestamp_micros(1795735245000000 + (id % 5) * 1000000)").as("start_time"),
        expr("timestamp_micros(1795735245000000 + (id % 5) * 1000000 + (id * 7919) % 90000000)").as("end_time"),
        expr("CASE WHEN id % 23 = 0 THEN 0.0D WHEN id % 97 = 0 THEN -1.5D ELSE ((id * 7919) % 900) / 1000.0D END")
            .as("duration_seconds"),
        expr("id % 17").as("total_packets"),
        expr("(id * 31) % 1500").as("total_bytes"),
        expr("(id * 31) % 1000").as("forward_bytes"),
        expr("(id * 31) % 1500 - (id * 31) % 1000").as("backward_bytes"),
        expr("(id * 13) % 700").as("total_payload_bytes"),
        expr("id % 4 <> 0").as("is_bidirectional"),
        expr("CASE WHEN id % 6 = 0 THEN 'Reset' WHEN id % 3 = 0 THEN 'Unknown' ELSE 'Closed' END")
            .as("connection_state"));
  }

  @Test
  void numbersAreSparkSqlsWithAndWithoutTheSmallLimits() {
    Dataset<Row> flows = table(FLOWS);
    Row sql = flows.agg(count(col("flow_id")), sum("total_packets"), sum("total_bytes"), avg("duration_seconds"),
        median(col("duration_seconds")), max("duration_seconds"), max("total_packets"), max("total_bytes"),
        sum("total_payload_bytes")).first();
    for (FlowTableSummary scanned : List.of(FlowTableScan.report(flows), FlowTableScan.scan(flows, true, 5, 1),
        FlowTableScan.report(flows, written(flows)))) {
      assertEquals(sql.getLong(0), scanned.flows);
      assertEquals(sql.getLong(1), scanned.packets);
      assertEquals(sql.getLong(2), scanned.bytes);
      assertEquals(sql.getDouble(3), scanned.durationSumSeconds / scanned.flows, 1e-12);
      assertEquals(sql.getDouble(4), scanned.medianDurationSeconds, 0.0);
      assertEquals(sql.getDouble(5), scanned.maxDurationSeconds, 0.0);
      assertEquals(sql.getLong(6), scanned.maxPackets);
      assertEquals(sql.getLong(7), scanned.maxBytes);
      assertEquals(sql.getLong(8), scanned.payloadBytes);
      assertEquals(flows.where("is_bidirectional").count(), scanned.bidirectional);
      assertEquals(groupsBySql(flows), groups(scanned));
      assertEquals(topBySql(flows, "total_packets"), ids(scanned.topByPackets));
      assertEquals(topBySql(flows, "total_bytes"), ids(scanned.topByBytes));
      assertEquals(flows.select("src_ip").union(flows.select("dst_ip")).distinct().count(), scanned.hosts);
      assertEquals(talkersBySql(flows), scanned.talkers);
      double[] packets = scanned.timeline.packets();
      assertEquals((double) scanned.packets, Arrays.stream(packets).sum(), 1e-6 * scanned.packets);
    }
  }

  @Test
  void theDurationSumIsTheSameHoweverTheTableIsPartitioned() {
    // whole nanoseconds, as the flow job's durations are, whose double sum depends on the order of addition
    Dataset<Row> flows = table(5000)
        .withColumn("duration_seconds", expr("((id * 7919) % 1000003) / 1e9D + (id % 7) * 0.1D"));
    double one = FlowTableScan.report(flows.coalesce(1)).durationSumSeconds;
    for (int partitions : new int[] {3, 7, 13}) {
      assertEquals(one, FlowTableScan.report(flows.repartition(partitions)).durationSumSeconds, partitions + "");
    }
  }

  @Test
  void medianIsSparkSqlsOnAwkwardColumns() {
    List<String> durations = List.of(
        "1.0D", // all equal
        "id / 3.0D", // one value per row, n odd and even below
        "CASE WHEN id < 7 THEN 0.0D ELSE 5.0D END", // the two middle ranks far apart, nothing between
        "-(id % 5) * 1e-7D", // negative and zero
        "pow(10, (id % 12) - 6) * (1 + id % 3)", // decades from µs to a day
        "CAST(id % 4 AS DECIMAL(5, 1)) / 8"); // not a double: the scan reads it as one
    for (String duration : durations) {
      for (long n : new long[] {14, 401}) {
        Dataset<Row> flows = table(n).withColumn("duration_seconds", expr(duration));
        double expected = flows.agg(median(col("duration_seconds"))).first().getDouble(0);
        String what = duration + " over " + n;
        assertEquals(expected, FlowTableScan.statistics(flows).medianDurationSeconds, 0.0, what);
        if (n > 100) {
          // keeping at most one key: counting passes until the median's bucket holds one key
          assertEquals(expected, FlowTableScan.scan(flows, false, 5, 1).medianDurationSeconds, 0.0, what);
        }
      }
    }
  }

  @Test
  void theReportsTakeTwoSparkJobs() throws TimeoutException {
    Dataset<Row> flows = table(FLOWS);
    // the summary pass, then the timeline's pass, which also settles the median
    assertEquals(2, jobsOf(() -> FlowTableScan.report(flows)));
    assertEquals(2, jobsOf(() -> FlowTableScan.statistics(flows)));
    // the first pass made by the tasks that wrote the table: the timeline's pass alone
    FlowTableFirstPass firstPass = written(flows);
    assertEquals(1, jobsOf(() -> FlowTableScan.report(flows, firstPass)));
    // all durations equal: the first pass settles the median, no second pass without a timeline
    assertEquals(1, jobsOf(() -> FlowTableScan.statistics(flows.withColumn("duration_seconds", expr("2.5D")))));
    // more than 5 addresses: a grouping by address besides (with its shuffle); 1 key kept: a counting pass more
    assertTrue(jobsOf(() -> FlowTableScan.scan(flows, true, 5, 1)) >= 4);
  }

  @Test
  void tablesOfNoneAndOneFlow() {
    for (FlowTableSummary none : List.of(FlowTableScan.report(table(0)),
        FlowTableScan.report(table(0), written(table(0))))) {
      assertEquals(0, none.flows);
      assertEquals(0.0, none.medianDurationSeconds);
      assertEquals(0, none.hosts);
      assertTrue(none.groups.isEmpty() && none.topByPackets.isEmpty() && none.talkers.isEmpty());
      assertEquals(null, none.timeline);
    }
    FlowTableSummary one = FlowTableScan.report(table(1).withColumn("duration_seconds", expr("0.25D")));
    assertEquals(0.25, one.medianDurationSeconds);
    assertEquals(2, one.hosts);
    assertEquals(List.of("f0"), ids(one.topByPackets));
  }

  /** The first pass the tasks writing {@code flows} as one CSV file made. */
  private static FlowTableFirstPass written(Dataset<Row> flows) {
    AtomicReference<FlowTableFirstPass> pass = new AtomicReference<>();
    FlowWriter.writeSingleFile(flows, FlowSortOrder.ascendingBy("start_time").thenAscending("flow_id"),
        FlowOutputFormat.CSV, dir.resolve("written.csv"), FlowTableFirstPass.of(flows.schema()), pass::set);
    return pass.get();
  }

  private static int jobsOf(Runnable scan) throws TimeoutException {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(counter);
    try {
      scan.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    return jobs.get();
  }

  private static Map<String, Long> groupsBySql(Dataset<Row> flows) {
    Map<String, Long> groups = new TreeMap<>();
    for (Row r : flows.groupBy("protocol", "connection_state").count().collectAsList()) {
      groups.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
    }
    return groups;
  }

  private static Map<String, Long> groups(FlowTableSummary scanned) {
    Map<String, Long> groups = new TreeMap<>();
    for (FlowTableSummary.Group g : scanned.groups) {
      groups.merge(g.protocol() + "/" + g.state(), g.flows(), Long::sum);
    }
    return groups;
  }

  private static List<String> topBySql(Dataset<Row> flows, String measure) {
    List<String> ids = new ArrayList<>();
    for (Row r : flows.orderBy(desc(measure), col("start_time"), col("flow_id")).limit(5).collectAsList()) {
      ids.add(r.getAs("flow_id"));
    }
    return ids;
  }

  private static List<String> ids(List<FlowTableSummary.RankedFlow> flows) {
    List<String> ids = new ArrayList<>();
    for (FlowTableSummary.RankedFlow f : flows) {
      ids.add(f.flowId());
    }
    return ids;
  }

  private static List<FlowTableSummary.AddressBytes> talkersBySql(Dataset<Row> flows) {
    Dataset<Row> perAddress = flows.select(col("src_ip").as("address"), col("forward_bytes").as("sent"),
            col("backward_bytes").as("received"))
        .union(flows.select(col("dst_ip"), col("backward_bytes"), col("forward_bytes")))
        .groupBy("address").agg(sum("sent").as("sent"), sum("received").as("received"));
    List<FlowTableSummary.AddressBytes> talkers = new ArrayList<>();
    for (Row r : perAddress.orderBy(col("sent").plus(col("received")).desc(), col("address")).limit(10)
        .collectAsList()) {
      talkers.add(new FlowTableSummary.AddressBytes(r.getString(0), r.getLong(1), r.getLong(2)));
    }
    return talkers;
  }
}
