package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.spark.PcapDecodedScan;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The flow job's packet rows: decoded straight from the records when the packets are a plain pcap read, through
 * Spark's plan otherwise, and the same values either way (Spark's own rows of the row-based reader are the
 * reference), on the sample cut into many splits and on every capture of the shared corpus (malformed ones
 * included) when it is there.
 */
class PacketRowsTest {
  private static final Path SAMPLE = Path.of("..", "samples", "lo-sample.pcap");
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("PacketRowsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aPlainReadIsDecodedDirectlyWithTheSameValues() {
    // small batches and splits: many batch and split edges in 464 packets
    Dataset<Row> batches = spark.read().format("pcap").option("batchSize", "7").option("maxPartitionBytes", "20000")
        .load(SAMPLE.toString());
    Dataset<Row> rows = spark.read().format("pcap").option("columnar", "false").option("maxPartitionBytes", "20000")
        .load(SAMPLE.toString());
    assertNotNull(PcapDecodedScan.of(PacketRows.columnarScan(batches.select(PacketFields.COLUMNS))));
    assertNull(PacketRows.columnarScan(rows.select(PacketFields.COLUMNS)));
    List<String> expected = text(PacketRows.of(rows).map(InternalRow::copy).collect(), rows);
    assertEquals(464, expected.size());
    assertEquals(expected, text(PacketRows.of(batches).map(InternalRow::copy).collect(), batches));
  }

  @Test
  void theCorpusDecodedDirectlyGivesSparksRows() {
    Path corpus = Path.of(System.getProperty("shared.dir", "../../shared"), "corpus");
    Assumptions.assumeTrue(Files.isDirectory(corpus), "no shared corpus");
    // every capture of the corpus, the malformed ones too (the default read mode keeps their error rows)
    Dataset<Row> batches = spark.read().format("pcap").option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{pcap,pcapng,cap}").load(corpus.toString());
    Dataset<Row> rows = spark.read().format("pcap").option("columnar", "false").option("recursiveFileLookup", "true")
        .option("pathGlobFilter", "*.{pcap,pcapng,cap}").load(corpus.toString());
    assertNotNull(PcapDecodedScan.of(PacketRows.columnarScan(batches.select(PacketFields.COLUMNS))));
    StructType schema = rows.select(PacketFields.COLUMNS).schema();
    JavaRDD<String> expected = PacketRows.of(rows).map(r -> line(r, schema));
    JavaRDD<String> decoded = PacketRows.of(batches).map(r -> line(r, schema));
    long count = expected.count();
    assertTrue(count > 100_000, count + " rows");
    assertEquals(count, decoded.count());
    assertEquals(List.of(), decoded.subtract(expected).take(5));
    assertEquals(List.of(), expected.subtract(decoded).take(5));
  }

  @Test
  void aFilteredReadGoesThroughSparksPlan() {
    Dataset<Row> tcp = spark.read().format("pcap").load(SAMPLE.toString()).where(col("ip_protocol").equalTo(6));
    assertNull(PacketRows.columnarScan(tcp.select(PacketFields.COLUMNS)));
    long expected = tcp.count();
    assertEquals(expected, PacketRows.of(tcp).count());
  }

  /** Each row as text, field by field through the selection's schema (the rows are views, copied in the tasks). */
  private static List<String> text(List<InternalRow> rows, Dataset<Row> packets) {
    StructType schema = packets.select(PacketFields.COLUMNS).schema();
    return rows.stream().map(r -> line(r, schema)).collect(Collectors.toList());
  }

  private static String line(InternalRow row, StructType schema) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < schema.size(); i++) {
      Object value = row.isNullAt(i) ? null : row.get(i, schema.fields()[i].dataType());
      line.append(value instanceof byte[] ? Arrays.toString((byte[]) value) : String.valueOf(value)).append('|');
    }
    return line.toString();
  }
}
