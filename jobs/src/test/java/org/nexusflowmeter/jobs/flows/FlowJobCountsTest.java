package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The counts the flow job takes in its one pass over the packets ({@link FlowJobRun#countsByFile}) equal what
 * Spark SQL counts over the packet table by {@link FlowPackets#CATEGORY}, per file, on the Debian, derived,
 * local and hadoop-pcap parts of the corpus (158 real captures: damaged, truncated, pcapng with simple packet
 * blocks and several sections), split small so that files span several tasks; and every flow packet is in
 * exactly one flow.
 */
class FlowJobCountsTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowJobCountsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void onePassCountsEqualTheCountsOfThePacketTable() {
    Path corpus = Path.of(System.getProperty("shared.dir", "../../shared")).resolve("corpus");
    Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
    Dataset<Row> packets = spark.read().format("pcap").option("maxPartitionBytes", "65536")
        .option("recursiveFileLookup", "true").load(corpus.resolve("debian").toString(),
            corpus.resolve("derived").toString(), corpus.resolve("local").toString(),
            corpus.resolve("hadoop-pcap").toString());
    FlowJobRun run = FlowJob.run(packets, FlowJobOptions.defaults().withFilesKeptApart(true));

    Map<String, String> expected = new TreeMap<>();
    for (Row r : packets.select(col("file_path"), col("original_length"), FlowPackets.CATEGORY.as("category"))
        .groupBy("file_path")
        .agg(count(lit(1)), coalesce(sum("original_length"), lit(0L)), countOf(FlowPackets.MALFORMED),
            countOf(FlowPackets.UNTIMED), countOf(FlowPackets.NON_IP), countOf(FlowPackets.UNKEYED),
            countOf(FlowPackets.FLOW))
        .collectAsList()) {
      expected.put(r.getString(0), r.getLong(1) + " records " + r.getLong(2) + " bytes " + r.getLong(3)
          + " malformed " + r.getLong(4) + " untimed " + r.getLong(5) + " non-ip " + r.getLong(6) + " unkeyed "
          + r.getLong(7) + " flow");
    }
    Map<String, List<Long>> expectedErrors = new TreeMap<>();
    for (Row r : packets.where(col("parse_error").isNotNull()).select("file_path", "file_offset")
        .orderBy("file_path", "file_offset").collectAsList()) {
      List<Long> offsets = expectedErrors.computeIfAbsent(r.getString(0), f -> new ArrayList<>());
      if (offsets.size() < PacketCounts.ERRORS_KEPT) {
        offsets.add(r.getLong(1));
      }
    }

    Map<String, String> actual = new TreeMap<>();
    Map<String, List<Long>> actualErrors = new TreeMap<>();
    long flowPackets = 0;
    for (PacketCounts c : run.countsByFile().values()) {
      actual.put(c.path, c.records() + " records " + c.wireBytes() + " bytes " + c.malformed() + " malformed "
          + c.untimed() + " untimed " + c.nonIp() + " non-ip " + c.unkeyed() + " unkeyed " + c.flowPackets()
          + " flow");
      if (!c.errorOffsets().isEmpty()) {
        actualErrors.put(c.path, c.errorOffsets());
      }
      flowPackets += c.flowPackets();
    }
    assertTrue(expected.size() > 130, expected.size() + " files with records");
    assertTrue(expectedErrors.size() >= 5, expectedErrors.size() + " files with malformed records");
    assertTrue(expected.values().stream().anyMatch(v -> !v.contains(" 0 untimed")), "no untimed records");
    assertEquals(expected, actual);
    assertEquals(expectedErrors, actualErrors);
    assertEquals(flowPackets, run.flows().agg(sum("total_packets")).first().getLong(0));
  }

  private static org.apache.spark.sql.Column countOf(String category) {
    return coalesce(sum(when(col("category").equalTo(category), 1L).otherwise(0L)), lit(0L));
  }
}
