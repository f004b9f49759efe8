package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** Column pruning skips work, as the scan's custom metrics show. */
class PcapScanMetricsTest {
  private static final int PACKETS = 40;
  private static SparkSession spark;
  private static Path file;
  private static long frameBytes;

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("PcapScanMetricsTest");
    file = SampleCaptures.pcap(dir.resolve("metrics.pcap"), PACKETS);
    for (int i = 0; i < PACKETS; i++) {
      frameBytes += SampleCaptures.frame(i).length;
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void countReadsHeadersOnly() {
    ScanMetrics metrics = ScanMetrics.collect(packets().groupBy().count());
    assertEquals(PACKETS, metrics.value(PcapMetrics.PACKETS_READ));
    assertEquals(0, metrics.value(PcapMetrics.PACKETS_DECODED));
    assertEquals(0, metrics.value(PcapMetrics.DATA_BYTES_COPIED));
    assertEquals(PACKETS, packets().count());
  }

  @Test
  void recordColumnsNeedNoDecoding() {
    ScanMetrics metrics = ScanMetrics.collect(packets().select("file_offset", "timestamp_ns", "captured_length"));
    assertEquals(PACKETS, metrics.value(PcapMetrics.PACKETS_READ));
    assertEquals(0, metrics.value(PcapMetrics.PACKETS_DECODED));
    assertEquals(0, metrics.value(PcapMetrics.DATA_BYTES_COPIED));
  }

  @Test
  void aDecodedColumnDecodesEveryPacketAndCopiesNoData() {
    ScanMetrics metrics = ScanMetrics.collect(packets().select("src_ip"));
    assertEquals(PACKETS, metrics.value(PcapMetrics.PACKETS_DECODED));
    assertEquals(0, metrics.value(PcapMetrics.DATA_BYTES_COPIED));
  }

  @Test
  void dataIsCopiedOnlyWhenSelected() {
    ScanMetrics metrics = ScanMetrics.collect(packets().select("data"));
    assertEquals(0, metrics.value(PcapMetrics.PACKETS_DECODED));
    assertEquals(frameBytes, metrics.value(PcapMetrics.DATA_BYTES_COPIED));
    assertEquals(0, metrics.value(PcapMetrics.MALFORMED_RECORDS));
  }

  @Test
  void malformedRecordsAreCounted() throws Exception {
    Path text = java.nio.file.Files.write(dir.resolve("not-a-capture.bin"), new byte[64]);
    ScanMetrics metrics = ScanMetrics.collect(spark.read().format("pcap").load(text.toString())
        .select("parse_error"));
    assertEquals(1, metrics.value(PcapMetrics.PACKETS_READ));
    assertEquals(1, metrics.value(PcapMetrics.MALFORMED_RECORDS));
  }

  private static Dataset<Row> packets() {
    return spark.read().format("pcap").load(file.toString());
  }
}
