package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The writers: Parquet keeps the typed schema and the flows read back equal, per file too; a single-file write
 * that fails leaves the old file and nothing else, and its error even when its hidden file cannot be deleted; one
 * to a name of 255 bytes is written.
 */
class FlowWriterTest {
  private static final Path SAMPLE = Path.of("..", "samples", "lo-sample.pcap");
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowWriterTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void parquetKeepsTypesAndRows(@TempDir Path dir) {
    String output = dir.resolve("flows.parquet").toString();
    FlowJobMain.Arguments arguments = FlowJobMain.Arguments.parse(
        new String[] {SAMPLE.toString(), "--output", output, "--format", "parquet", "--per-file"});
    FlowRunSummary summary = FlowJobMain.run(spark, arguments.inputs, arguments.options,
        flows -> FlowWriter.writeDirectory(flows, arguments.format, arguments.output));
    // 40 flows: the oracle's count on the sample (see FlowLauncherTest)
    assertEquals(40, summary.flows);
    assertEquals(464, summary.flowPackets);

    Dataset<Row> back = spark.read().parquet(output);
    assertEquals(types(FlowColumns.outputSchema(true).fields()), types(back.schema().fields()));
    Dataset<Row> again = FlowJob.flows(spark.read().format("pcap").load(SAMPLE.toString()), arguments.options);
    assertEquals(sorted(again), sorted(back));
    assertEquals(List.of("lo-sample.pcap"), back.select("source_file").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toList()));
  }

  @Test
  void aWriteThatFailsLeavesTheOldFileAndNoParts(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("flows.json");
    Files.writeString(target, "old");
    Dataset<Row> failing = failingInItsTasks();
    assertThrows(Exception.class,
        () -> FlowWriter.writeSingleFile(failing, FlowOutputFormat.JSON, target));
    assertEquals("old", Files.readString(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.collect(Collectors.toList()), "no hidden parts left");
    }
  }

  @Test
  void aWriteThatFailsKeepsItsErrorWhenItsHiddenFileCannotBeDeleted(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("flows.json");
    // a directory with a file in it where the write puts its hidden file: the job fails before it gets there, and
    // deleting the hidden file after it fails too
    Path inTheWay = Files.createDirectory(dir.resolve(".flows.json.partial"));
    Files.writeString(inTheWay.resolve("someone else's"), "kept");
    Dataset<Row> failing = failingInItsTasks();
    Exception thrown = assertThrows(Exception.class,
        () -> FlowWriter.writeSingleFile(failing, FlowOutputFormat.JSON, target));
    assertTrue(thrown.getMessage().contains("interrupted"), thrown.toString());
    assertEquals(1, thrown.getSuppressed().length, thrown.toString());
    assertInstanceOf(DirectoryNotEmptyException.class, thrown.getSuppressed()[0]);
  }

  /** The sample's flows, whose job fails inside its tasks, after Spark has started writing the part files. */
  private static Dataset<Row> failingInItsTasks() {
    Dataset<Row> flows = FlowJob.flows(spark.read().format("pcap").load(SAMPLE.toString()), FlowJobOptions.defaults());
    return flows.withColumn("protocol", when(
        col("protocol").equalTo("ICMP"),
        raise_error(lit("interrupted")))
        .otherwise(col("protocol")));
  }

  @Test
  void targetsWithNamesOfTheLongestLengthAreWrittenAndLeaveNothingElse(@TempDir Path dir) throws Exception {
    // 255 bytes each, the most a file name may have: the hidden names beside them would be longer
    Path csv = dir.resolve("c".repeat(251) + ".csv");
    Path parquet = dir.resolve("p".repeat(247) + ".parquet");
    Dataset<Row> flows = FlowJob.flows(spark.read().format("pcap").load(SAMPLE.toString()), FlowJobOptions.defaults());
    FlowWriter.writeSingleFile(flows, FlowSortOrder.ascendingBy("flow_id"), FlowOutputFormat.CSV, csv);
    FlowWriter.writeSingleFile(flows, FlowSortOrder.ascendingBy("flow_id"), FlowOutputFormat.PARQUET, parquet);
    // 40 flows and the header
    assertEquals(41, Files.readAllLines(csv).size());
    assertEquals(40, spark.read().parquet(parquet.toString()).count());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(csv, parquet), files.sorted().collect(Collectors.toList()), "no hidden parts left");
    }
  }

  @Test
  void argumentsAreChecked() {
    FlowJobMain.Arguments parsed = FlowJobMain.Arguments.parse(new String[] {"a.pcap", "b.pcapng", "--output", "o",
        "--flow-timeout", "1.5", "--active-timeout", "300"});
    assertEquals(List.of("a.pcap", "b.pcapng"), parsed.inputs);
    assertEquals(java.time.Duration.ofMillis(1500), parsed.options.idleTimeout());
    assertEquals(java.time.Duration.ofSeconds(300), parsed.options.activeTimeout());
    assertEquals(false, parsed.options.filesKeptApart());
    assertEquals(FlowOutputFormat.CSV, parsed.format);
    for (String[] bad : new String[][] {{"a.pcap"}, {"--output", "o"}, {"a", "--output", "o", "--format", "xml"},
        {"a", "--output", "o", "--flow-timeout", "-1"}, {"a", "--output", "o", "--bogus"}}) {
      assertThrows(IllegalArgumentException.class,
          () -> FlowJobMain.Arguments.parse(bad), Arrays.toString(bad));
    }
  }

  private static List<String> types(StructField[] fields) {
    return Arrays.stream(fields).map(f -> f.name() + ":" + f.dataType().simpleString()).collect(Collectors.toList());
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(r -> r.mkString(",")).sorted().collect(Collectors.toList());
  }
}
