package org.nexusflowmeter.pcap.spark;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Every capture of the shared corpus's INDEX.tsv read through the columnar path gives the row path's values:
 * per file and column, the number of non-null values and an XOR of hashes of (file_offset, value), which is
 * order-free and differs when any one value does. Also with tiny batches and splits.
 */
class PcapColumnarCorpusTest {
  private static SparkSession spark;
  private static String[] files;
  /** Captures INDEX.tsv says hold packets: each must give rows (an empty capture gives none). */
  private static long filesWithPackets;

  @BeforeAll
  static void setUp() throws IOException {
    String shared = System.getProperty("shared.dir");
    Assumptions.assumeTrue(shared != null && Files.isRegularFile(Paths.get(shared, "corpus", "INDEX.tsv")),
        "no corpus at shared.dir=" + shared);
    Path corpus = Paths.get(shared, "corpus").toRealPath();
    List<String> lines = Files.readAllLines(corpus.resolve("INDEX.tsv"));
    int fileColumn = List.of(lines.get(0).split("\t")).indexOf("file");
    int packetsColumn = List.of(lines.get(0).split("\t")).indexOf("packets");
    filesWithPackets = lines.subList(1, lines.size()).stream()
        .filter(line -> Long.parseLong(line.split("\t")[packetsColumn]) > 0).count();
    files = lines.subList(1, lines.size()).stream()
        .map(line -> corpus.resolve(line.split("\t")[fileColumn]).toString()).toArray(String[]::new);
    assertTrue(files.length > 1000, files.length + " captures in INDEX.tsv");
    spark = LocalSpark.start("PcapColumnarCorpusTest");
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyCaptureReadsTheSameThroughBothPaths() {
    Map<String, List<Long>> rows = columnDigests(false, Map.of());
    assertTrue(rows.size() >= filesWithPackets && rows.size() <= files.length,
        rows.size() + " files with rows, " + filesWithPackets + " with packets");
    assertSameDigests(rows, columnDigests(true, Map.of()), "default batches");
    assertSameDigests(rows, columnDigests(true, Map.of("batchSize", "5")),
        "batches of 5 rows");
  }

  /** file → [rows, then per column: non-null values, XOR of xxhash64(file_offset, value)]. */
  private static Map<String, List<Long>> columnDigests(boolean columnar, Map<String, String> options) {
    List<Column> aggregates = new ArrayList<>();
    for (PcapColumn column : PcapColumn.values()) {
      aggregates.add(count(col(column.columnName)));
      aggregates.add(bit_xor(xxhash64(col("file_offset"), col(column.columnName))));
    }
    List<Row> perFile = ColumnarReads.reader(spark, columnar, options).load(files)
        .groupBy("file_path")
        .agg(count(lit(1)), aggregates.toArray(new Column[0]))
        .collectAsList();
    Map<String, List<Long>> digests = new TreeMap<>();
    for (Row row : perFile) {
      List<Long> values = new ArrayList<>();
      for (int i = 1; i < row.length(); i++) {
        values.add(row.getLong(i));
      }
      digests.put(row.getString(0), values);
    }
    return digests;
  }

  private static void assertSameDigests(Map<String, List<Long>> rows, Map<String, List<Long>> batches,
      String label) {
    assertEquals(rows.keySet(), batches.keySet(), label + ": files");
    for (Map.Entry<String, List<Long>> file : rows.entrySet()) {
      List<Long> expected = file.getValue();
      List<Long> actual = batches.get(file.getKey());
      assertEquals(expected.get(0), actual.get(0), label + ": rows of " + file.getKey());
      for (PcapColumn column : PcapColumn.values()) {
        int at = 1 + 2 * column.ordinal();
        assertEquals(expected.subList(at, at + 2), actual.subList(at, at + 2),
            label + ": " + column.columnName + " of " + file.getKey());
      }
    }
  }
}
