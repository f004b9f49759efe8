package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The flow job's packet rows: straight from the scan's column batches when the packets are a plain pcap read,
 * through Spark's plan otherwise, and the same values either way (Spark's own rows of the row-based reader are
 * the reference).
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
  void aPlainReadIsReadFromItsBatchesWithTheSameValues() {
    // small batches and splits: many batch and split edges in 464 packets
    Dataset<Row> batches = spark.read().format("pcap").option("batchSize", "7").option("maxPartitionBytes", "20000")
        .load(SAMPLE.toString());
    Dataset<Row> rows = spark.read().format("pcap").option("columnar", "false").option("maxPartitionBytes", "20000")
        .load(SAMPLE.toString());
    assertNotNull(PacketRows.columnarScan(batches.select(PacketFields.COLUMNS)));
    assertNull(PacketRows.columnarScan(rows.select(PacketFields.COLUMNS)));
    List<String> expected = text(PacketRows.of(rows, PacketFields.COLUMNS).map(InternalRow::copy).collect(), rows);
    assertEquals(464, expected.size());
    assertEquals(expected, text(PacketRows.of(batches, PacketFields.COLUMNS).map(InternalRow::copy).collect(), batches));
  }

  @Test
  void aFilteredReadGoesThroughSparksPlan() {
    Dataset<Row> tcp = spark.read().format("pcap").load(SAMPLE.toString()).where(col("ip_protocol").equalTo(6));
    assertNull(PacketRows.columnarScan(tcp.select(PacketFields.COLUMNS)));
    long expected = tcp.count();
    assertEquals(expected, PacketRows.of(tcp, PacketFields.COLUMNS).count());
  }

  /** Each row as text, field by field through the selection's schema (the rows are views, copied in the tasks). */
  private static List<String> text(List<InternalRow> rows, Dataset<Row> packets) {
    StructType schema = packets.select(PacketFields.COLUMNS).schema();
    return rows.stream().map(r -> {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < schema.size(); i++) {
        Object value = r.isNullAt(i) ? null : r.get(i, schema.fields()[i].dataType());
        line.append(value instanceof byte[] ? java.util.Arrays.toString((byte[]) value) : String.valueOf(value))
            .append('|');
      }
      return line.toString();
    }).collect(Collectors.toList());
  }
}
