package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Files cut into many splits read the same rows as whole files; compressed files (.gz, .bz2) read the same
 * rows as the plain file.
 */
class PcapSplitsTest {
  private static final int PACKETS = 150;
  private static final String[] ROW_COLUMNS = {"file_path", "file_offset", "timestamp_ns", "captured_length",
      "original_length", "src_ip", "src_port", "l4_payload_length", "sha2(data, 256) AS data_hash", "parse_error"};

  private static SparkSession spark;
  private static Path plainDir;
  private static Path pcap;

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("PcapSplitsTest");
    plainDir = Files.createDirectories(dir.resolve("plain"));
    pcap = SampleCaptures.pcap(plainDir.resolve("many.pcap"), PACKETS);
    SampleCaptures.pcapng(plainDir.resolve("many.pcapng"), PACKETS);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void defaultSplitSizePacksSmallFilesAsSparkPacksItsOwn() {
    Dataset<Row> df = spark.read().format("pcap").load(plainDir.toString());
    // two files under the open cost, on two cores: a partition each (one with minPartitionNum 1, below)
    assertEquals(spark.read().text(plainDir.toString()).rdd().getNumPartitions(), df.rdd().getNumPartitions());
    assertEquals(2L * PACKETS, df.count());
  }

  @Test
  void maxPartitionBytesOptionCutsFilesIntoManySplits() {
    Dataset<Row> whole = spark.read().format("pcap").load(plainDir.toString());
    Dataset<Row> split = spark.read().format("pcap").option("maxPartitionBytes", "300").load(plainDir.toString());
    long bytes = totalBytes();
    assertTrue(split.rdd().getNumPartitions() >= bytes / 300 / 2,
        split.rdd().getNumPartitions() + " partitions for " + bytes + " bytes");
    List<String> expected = rows(whole);
    assertEquals(2 * PACKETS, expected.size());
    assertEquals(expected, rows(split));
  }

  @Test
  void sessionMaxPartitionBytesCutsFilesIntoManySplits() {
    Dataset<Row> whole = spark.read().format("pcap").load(plainDir.toString());
    List<String> expected = rows(whole);
    spark.conf().set("spark.sql.files.maxPartitionBytes", "300b");
    try {
      Dataset<Row> split = spark.read().format("pcap").load(plainDir.toString());
      assertTrue(split.rdd().getNumPartitions() >= totalBytes() / 300 / 2,
          split.rdd().getNumPartitions() + " partitions");
      assertEquals(expected, rows(split));
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  /**
   * An input smaller than a split per core is spread over the cores as Spark spreads its own file sources: the
   * same number of partitions as Spark's text source planning the same files, for several parallelisms. A small
   * open cost stands in for a large input, so that small files show it.
   */
  @Test
  void smallInputsAreSpreadOverTheCoresAsSparksOwnFileSourcesSpreadThem() throws Exception {
    Path spreadDir = Files.createDirectories(dir.resolve("spread"));
    SampleCaptures.pcap(spreadDir.resolve("large.pcap"), PACKETS);
    SampleCaptures.pcap(spreadDir.resolve("small.pcap"), PACKETS / 5);
    spark.conf().set("spark.sql.files.openCostInBytes", "512b");
    try {
      for (int minPartitions : new int[] {1, 2, 3, 5, 8, 13}) {
        spark.conf().set("spark.sql.files.minPartitionNum", Integer.toString(minPartitions));
        Dataset<Row> ours = spark.read().format("pcap").load(spreadDir.toString());
        int sparks = spark.read().text(spreadDir.toString()).rdd().getNumPartitions();
        assertEquals(sparks, ours.rdd().getNumPartitions(), "partitions at minPartitionNum " + minPartitions);
        assertTrue(minPartitions < 5 || sparks >= minPartitions, sparks + " partitions of Spark's own");
        assertEquals(PACKETS + PACKETS / 5, ours.count());
      }
    } finally {
      spark.conf().unset("spark.sql.files.openCostInBytes");
      spark.conf().unset("spark.sql.files.minPartitionNum");
    }
  }

  @Test
  void gzipAndBzip2FilesReadAsThePlainFile() throws Exception {
    Path compressedDir = Files.createDirectories(dir.resolve("compressed"));
    byte[] plain = Files.readAllBytes(pcap);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressedDir.resolve("many.pcap.gz")))) {
      out.write(plain);
    }
    BZip2Codec bzip2 = new BZip2Codec();
    bzip2.setConf(new Configuration());
    try (OutputStream out = bzip2.createOutputStream(Files.newOutputStream(compressedDir.resolve("many.pcap.bz2")))) {
      out.write(plain);
    }
    List<String> expected = rowsWithoutPath(spark.read().format("pcap").load(pcap.toString()));
    assertEquals(PACKETS, expected.size());
    // a split size below the file size: compressed files are still one split each
    Dataset<Row> gz = spark.read().format("pcap").option("maxPartitionBytes", "300")
        .load(compressedDir.resolve("many.pcap.gz").toString());
    Dataset<Row> bz2 = spark.read().format("pcap").option("maxPartitionBytes", "300")
        .load(compressedDir.resolve("many.pcap.bz2").toString());
    assertEquals(1, gz.rdd().getNumPartitions());
    assertEquals(expected, rowsWithoutPath(gz));
    assertEquals(expected, rowsWithoutPath(bz2));
  }

  private static long totalBytes() {
    return plainDir.resolve("many.pcap").toFile().length() + plainDir.resolve("many.pcapng").toFile().length();
  }

  private static List<String> rows(Dataset<Row> df) {
    return df.selectExpr(ROW_COLUMNS).orderBy("file_path", "file_offset").collectAsList().stream()
        .map(Row::toString).collect(Collectors.toList());
  }

  private static List<String> rowsWithoutPath(Dataset<Row> df) {
    return rows(df.withColumn("file_path", functions.lit("")));
  }
}
