package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The single-file CSV and JSON writer against Spark's own writers: on the sample's flows, spread over many
 * partitions, the file is byte for byte what Spark's CSV writer gives from one partition, and the JSON array
 * holds the objects Spark's JSON writer gives; text that needs quoting or escaping reads back as written through
 * Spark's CSV reader (quotes doubled) and a JSON parser.
 */
class FlowTextFileTest {
  private static final Path SAMPLE = Path.of("..", "samples", "lo-sample.pcap");
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowTextFileTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void csvIsWhatSparksWriterWritesInTheSameOrder(@TempDir Path dir) throws IOException {
    Dataset<Row> ordered = sampleFlowsInSevenPartitions();
    Path ours = dir.resolve("flows.csv");
    FlowWriter.writeSingleFile(ordered, FlowOutputFormat.CSV, ours);
    FlowWriter.writeDirectory(ordered.coalesce(1), FlowOutputFormat.CSV, dir.resolve("spark").toString());
    List<String> expected = Files.readAllLines(onlyPart(dir.resolve("spark"), ".csv"), StandardCharsets.UTF_8);
    assertEquals(41, expected.size(), "header and the oracle's 40 flows");
    assertEquals(expected, Files.readAllLines(ours, StandardCharsets.UTF_8));
    assertEquals(List.of(), leftovers(dir, "flows.csv", "spark"));
  }

  @Test
  void jsonArrayHoldsWhatSparksWriterWritesInTheSameOrder(@TempDir Path dir) throws IOException {
    Dataset<Row> ordered = sampleFlowsInSevenPartitions();
    Path ours = dir.resolve("flows.json");
    FlowWriter.writeSingleFile(ordered, FlowOutputFormat.JSON, ours);
    FlowWriter.writeDirectory(ordered.coalesce(1), FlowOutputFormat.JSON, dir.resolve("spark").toString());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> expected = new ArrayList<>();
    for (String line : Files.readAllLines(onlyPart(dir.resolve("spark"), ".json"), StandardCharsets.UTF_8)) {
      expected.add(json.readTree(line));
    }
    JsonNode array = json.readTree(ours.toFile());
    assertEquals(40, array.size());
    List<JsonNode> actual = new ArrayList<>();
    array.forEach(actual::add);
    assertEquals(expected, actual);
    assertEquals(List.of(), leftovers(dir, "flows.json", "spark"));
  }

  @Test
  void sortedWritesEqualSparksGlobalSort(@TempDir Path dir) throws IOException {
    Dataset<Row> flows = sampleFlows().repartition(5);
    FlowSortOrder order = FlowSortOrder.descendingBy("total_bytes").thenAscending("start_time")
        .thenAscending("flow_id");
    for (FlowOutputFormat format : List.of(FlowOutputFormat.CSV, FlowOutputFormat.JSON)) {
      Path merged = dir.resolve("merged." + format.extension());
      Path sorted = dir.resolve("sorted." + format.extension());
      FlowWriter.writeSingleFile(flows, order, format, merged);
      FlowWriter.writeSingleFile(flows.orderBy(order.columns()), format, sorted);
      assertEquals(Files.readAllLines(sorted), Files.readAllLines(merged), format.toString());
    }
    assertEquals(41, Files.readAllLines(dir.resolve("merged.csv")).size());
  }

  @Test
  void sortedRunsSmallerThanARowStillMergeToSparksGlobalSort(@TempDir Path dir) throws IOException {
    Dataset<Row> flows = sampleFlows().repartition(3);
    FlowSortOrder order = FlowSortOrder.ascendingBy("protocol").thenAscending("start_time")
        .thenAscending("flow_id");
    for (boolean json : new boolean[] {false, true}) {
      Path sorted = dir.resolve("sorted" + (json ? ".json" : ".csv"));
      FlowWriter.writeSingleFile(flows.orderBy(order.columns()), json ? FlowOutputFormat.JSON
          : FlowOutputFormat.CSV, sorted);
      for (int runBytes : new int[] {256, 4096}) {
        // 256: every row is a run of its own; 4096: runs of a dozen rows, cut anywhere
        Path merged = dir.resolve("merged-" + runBytes + (json ? ".json" : ".csv"));
        FlowTextFile.write(flows, order, json, merged, dir.resolve("parts-" + runBytes + json),
            dir.resolve("partial"), runBytes, null, (FlowTextFile.NoFold none) -> { });
        assertEquals(Files.readAllLines(sorted), Files.readAllLines(merged), runBytes + " json " + json);
      }
    }
  }

  @Test
  void sortKeysOrderNullsNegativesTiesAndTextAsSparkDoes(@TempDir Path dir) throws IOException {
    StructType schema = new StructType()
        .add("big", DataTypes.LongType, true)
        .add("small", DataTypes.IntegerType, true)
        .add("name", DataTypes.StringType, true);
    java.util.Random random = new java.util.Random(7);
    String[] names = {"", "a", "a\u0000", "a\u0000b", "ab", "b", "Ä", "\u0000", null};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      Long big = random.nextInt(10) == 0 ? null : (long) (random.nextInt(7) - 3) * (random.nextBoolean()
          ? 1L : Long.MAX_VALUE / 3);
      Integer small = random.nextInt(10) == 0 ? null : random.nextInt(5) - 2;
      rows.add(RowFactory.create(big, small, names[random.nextInt(names.length)]));
    }
    Dataset<Row> table = spark.createDataFrame(rows, schema).repartition(4);
    for (FlowSortOrder order : List.of(
        FlowSortOrder.descendingBy("big").thenAscending("small").thenAscending("name"),
        FlowSortOrder.ascendingBy("small").thenAscending("big").thenAscending("name"),
        FlowSortOrder.ascendingBy("name").thenAscending("big").thenAscending("small"))) {
      Path merged = dir.resolve("merged.csv");
      Path sorted = dir.resolve("sorted.csv");
      FlowWriter.writeSingleFile(table, order, FlowOutputFormat.CSV, merged);
      FlowWriter.writeSingleFile(table.orderBy(order.columns()), FlowOutputFormat.CSV, sorted);
      assertEquals(401, Files.readAllLines(sorted).size());
      assertEquals(Files.readString(sorted), Files.readString(merged), order.columns()[0].toString());
    }
  }

  @Test
  void awkwardTextAndNumbersReadBackAsWritten(@TempDir Path dir) throws IOException {
    StructType schema = new StructType()
        .add("text", DataTypes.StringType, true)
        .add("ratio", DataTypes.DoubleType, true)
        .add("count", DataTypes.LongType, false)
        .add("port", DataTypes.IntegerType, true)
        .add("flag", DataTypes.BooleanType, false);
    List<Row> rows = List.of(
        RowFactory.create("a,b", 0.1, Long.MIN_VALUE, null, true),
        RowFactory.create("say \"hi\"", 1e-7, -1L, 65535, false),
        RowFactory.create(" edge ", 12345678.9, 0L, 0, true),
        RowFactory.create("line\nbreak\ttab\\", Double.MAX_VALUE, Long.MAX_VALUE, -1, false),
        RowFactory.create("", null, 42L, 80, true),
        RowFactory.create(null, -0.0, 7L, 443, false),
        RowFactory.create("Grüße/日本", 3.0, 9L, 1, true));
    Dataset<Row> table = spark.createDataFrame(rows, schema).repartition(3);
    Path csv = dir.resolve("t.csv");
    Path json = dir.resolve("t.json");
    FlowWriter.writeSingleFile(table, FlowOutputFormat.CSV, csv);
    FlowWriter.writeSingleFile(table, FlowOutputFormat.JSON, json);

    List<Row> csvBack = spark.read().schema(schema).option("header", "true").option("escape", "\"")
        .option("multiLine", "true").option("ignoreLeadingWhiteSpace", "false")
        .option("ignoreTrailingWhiteSpace", "false").csv(csv.toString()).collectAsList();
    // Spark's CSV reader gives null for a quoted empty text too; the file keeps them apart ("" and an empty cell)
    List<Row> expectedBack = rows.stream().map(r -> "".equals(r.get(0))
        ? RowFactory.create(null, r.get(1), r.get(2), r.get(3), r.get(4)) : r).collect(Collectors.toList());
    assertEquals(sorted(expectedBack), sorted(csvBack));
    assertEquals("text,ratio,count,port,flag", Files.readAllLines(csv).get(0));
    String text = Files.readString(csv);
    for (String cell : List.of("\"a,b\"", "\"say \"\"hi\"\"\"", "\" edge \"", ",-0.0,7,443,false", "\"\",,42,80,true",
        "-9223372036854775808,,true", "1.0E-7", "1.23456789E7")) {
      assertEquals(true, text.contains(cell), cell + " in\n" + text);
    }

    JsonNode array = new ObjectMapper().readTree(json.toFile());
    assertEquals(rows.size(), array.size());
    List<String> texts = new ArrayList<>();
    array.forEach(o -> texts.add(o.get("text").isNull() ? "<null>" : o.get("text").asText()
        + "|" + o.get("ratio").asText() + "|" + o.get("count").asLong() + "|" + o.get("port").asText()));
    List<String> expected = rows.stream().map(r -> r.isNullAt(0) ? "<null>" : r.getString(0) + "|"
        + (r.isNullAt(1) ? "null" : Double.toString(r.getDouble(1))) + "|" + r.getLong(2) + "|"
        + (r.isNullAt(3) ? "null" : r.get(3).toString())).collect(Collectors.toList());
    assertEquals(sortedText(expected), sortedText(texts));
  }

  @Test
  void theDriverMergesEachTasksFoldWhenTheTaskEnds(@TempDir Path dir) throws IOException {
    // 40 tasks on two threads, each making its fold 20 ms after it starts: the first ends long before the last
    // starts. Holding every task's fold until the last one ended made the driver's memory grow with the input.
    Dataset<Row> table = spark.range(0, 4000, 1, 40).toDF("n");
    CountingFold.MADE.set(0);
    CountingFold.MADE_AT_FIRST_MERGE.set(-1);
    List<CountingFold> merged = new ArrayList<>();
    FlowTextFile.write(table, FlowSortOrder.descendingBy("n"), false, dir.resolve("n.csv"), dir.resolve("parts"),
        dir.resolve("partial"), FlowTextFile.RUN_BYTES, CountingFold::slowly, merged::add);
    assertEquals(4000, merged.get(0).rows);
    assertEquals(40, CountingFold.MADE.get());
    int madeAtFirstMerge = CountingFold.MADE_AT_FIRST_MERGE.get();
    assertTrue(madeAtFirstMerge >= 2 && madeAtFirstMerge < 40, "folds made when the first two were merged: "
        + madeAtFirstMerge);
    List<String> lines = Files.readAllLines(dir.resolve("n.csv"));
    assertEquals(List.of("n", "3999", "3998"), lines.subList(0, 3));
    assertEquals(4001, lines.size());
  }

  /** Counts rows; made in the tasks, merged on the driver (one JVM, so the counters see both). */
  static final class CountingFold implements WrittenRowsFold<CountingFold> {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger MADE = new AtomicInteger();
    static final AtomicInteger MADE_AT_FIRST_MERGE = new AtomicInteger(-1);
    long rows;

    static CountingFold slowly() throws InterruptedException {
      Thread.sleep(20);
      MADE.incrementAndGet();
      return new CountingFold();
    }

    @Override
    public void add(InternalRow row) {
      rows++;
    }

    @Override
    public CountingFold merge(CountingFold other) {
      MADE_AT_FIRST_MERGE.compareAndSet(-1, MADE.get());
      rows += other.rows;
      return this;
    }
  }

  @Test
  void anEmptyTableIsAHeaderOrAnEmptyArray(@TempDir Path dir) throws IOException {
    Dataset<Row> none = sampleFlowsInSevenPartitions().where("total_packets < 0");
    FlowWriter.writeSingleFile(none, FlowOutputFormat.CSV, dir.resolve("none.csv"));
    FlowWriter.writeSingleFile(none, FlowOutputFormat.JSON, dir.resolve("none.json"));
    List<String> csv = Files.readAllLines(dir.resolve("none.csv"));
    assertEquals(1, csv.size());
    assertEquals(Arrays.asList(none.columns()), Arrays.asList(csv.get(0).split(",")));
    assertEquals("[\n]\n", Files.readString(dir.resolve("none.json")));
  }

  private static Dataset<Row> sampleFlows() {
    return FlowJob.flows(spark.read().format("pcap").load(SAMPLE.toString()), FlowJobOptions.defaults());
  }

  private static Dataset<Row> sampleFlowsInSevenPartitions() {
    // a sort over a range of seven partitions: the parts must be joined in partition order
    return sampleFlows().repartition(7).orderBy(org.apache.spark.sql.functions.desc("total_bytes"),
        org.apache.spark.sql.functions.col("start_time"), org.apache.spark.sql.functions.col("flow_id"));
  }

  private static Path onlyPart(Path directory, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(suffix)).collect(Collectors.toList());
      assertEquals(1, parts.size(), parts.toString());
      return parts.get(0);
    }
  }

  private static List<String> leftovers(Path dir, String... expected) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !Arrays.asList(expected).contains(n))
          .collect(Collectors.toList());
    }
  }

  private static List<String> sorted(List<Row> rows) {
    return sortedText(rows.stream().map(Row::toString).collect(Collectors.toList()));
  }

  private static List<String> sortedText(List<String> values) {
    return values.stream().sorted().collect(Collectors.toList());
  }
}
