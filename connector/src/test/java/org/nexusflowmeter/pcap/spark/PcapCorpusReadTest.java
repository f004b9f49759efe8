package org.nexusflowmeter.pcap.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The whole shared corpus read in PERMISSIVE mode: per capture, the rows without parse_error equal INDEX.tsv's
 * packet count (tshark's) for every capture tshark reads without error; the same with tiny splits.
 */
class PcapCorpusReadTest {
  private static SparkSession spark;
  private static Path corpus;
  /** INDEX.tsv file → packets, for the rows whose notes have no wireshark_error. */
  private static Map<String, Long> expectedPackets;

  @BeforeAll
  static void setUp() throws IOException {
    String shared = System.getProperty("shared.dir");
    Assumptions.assumeTrue(shared != null && Files.isRegularFile(Paths.get(shared, "corpus", "INDEX.tsv")),
        "no corpus at shared.dir=" + shared);
    corpus = Paths.get(shared, "corpus").toRealPath();
    expectedPackets = new TreeMap<>();
    List<String> lines = Files.readAllLines(corpus.resolve("INDEX.tsv"));
    List<String> header = List.of(lines.get(0).split("\t"));
    int fileColumn = header.indexOf("file");
    int packetsColumn = header.indexOf("packets");
    int notesColumn = header.indexOf("notes");
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t");
      if (!fields[notesColumn].contains("wireshark_error")) {
        expectedPackets.put(fields[fileColumn], Long.parseLong(fields[packetsColumn]));
      }
    }
    assertTrue(expectedPackets.size() > 1000, expectedPackets.size() + " clean captures in INDEX.tsv");
    spark = LocalSpark.start("PcapCorpusReadTest");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyCleanCaptureHasTsharksPacketCount() {
    assertEquals(expectedPackets, goodRowsPerFile(null));
  }

  @Test
  void tinySplitsGiveTheSameCounts() {
    assertEquals(expectedPackets, goodRowsPerFile("4096"));
  }

  /** One job: rows without parse_error per file, for the files INDEX.tsv vouches for. */
  private static Map<String, Long> goodRowsPerFile(String maxPartitionBytes) {
    var reader = spark.read().format("pcap").option("recursiveFileLookup", "true").option("mode", "PERMISSIVE");
    if (maxPartitionBytes != null) {
      reader = reader.option("maxPartitionBytes", maxPartitionBytes);
    }
    List<Row> rows = reader.load(corpus.toString())
        .groupBy("file_path")
        .agg(count("*"), sum(when(col("parse_error").isNull(), 1).otherwise(0)))
        .collectAsList();
    String prefix = corpus.toUri().getPath().endsWith("/") ? corpus.toUri().getPath() : corpus.toUri().getPath() + "/";
    // a capture without records has no rows at all
    Map<String, Long> good = new TreeMap<>();
    expectedPackets.keySet().forEach(file -> good.put(file, 0L));
    for (Row row : rows) {
      String path = new org.apache.hadoop.fs.Path(row.getString(0)).toUri().getPath();
      assertTrue(path.startsWith(prefix), path + " outside " + prefix);
      String relative = path.substring(prefix.length());
      if (expectedPackets.containsKey(relative)) {
        good.put(relative, row.getLong(2));
      }
    }
    return good;
  }
}
