package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * The row reader (the column batches' rows, one at a time) and the columnar read give the same rows, value for
 * value in every column, on hand-built captures that give every column values and nulls: no row is lost or
 * repeated where batches end by row count, by bytes or at split ends, and the metrics and read modes agree.
 */
class PcapColumnarReadTest {
  private static final long T0 = 1_700_000_000_123_456_789L;
  private static final int LINKTYPE_ETHERNET = 1;
  private static final int LINKTYPE_RAW = 101;
  private static final int SAMPLE_PACKETS = 3000;

  private static SparkSession spark;
  private static Path framesDir;
  private static Path sampleDir;
  private static Path sample;

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("PcapColumnarReadTest");
    framesDir = Files.createDirectories(dir.resolve("frames"));
    writeFrameCaptures(framesDir);
    sampleDir = Files.createDirectories(dir.resolve("sample"));
    sample = SampleCaptures.pcap(sampleDir.resolve("sample.pcap"), SAMPLE_PACKETS);
    SampleCaptures.pcapng(sampleDir.resolve("sample.pcapng"), SAMPLE_PACKETS);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * pcap and pcapng files of the pcap4j test frames, hand-made MPLS, nine-tag QinQ and IPv6 fragment frames,
   * each whole and cut inside its headers; raw-IP frames; pcapng packets without a timestamp and before 1970;
   * a record cut by the end of the file, an absurd caplen, a file that is no capture.
   */
  private static void writeFrameCaptures(Path target) throws Exception {
    List<byte[]> frames = new ArrayList<>();
    TestFrames.all().forEach(f -> frames.add(f.bytes));
    frames.add(HandFrames.mplsUdpV4());
    frames.add(HandFrames.nineTagsUdpV4());
    frames.add(HandFrames.ethernet(0x86dd, HandFrames.fragmentedUdpV6()));
    List<byte[]> cut = new ArrayList<>();
    for (byte[] frame : frames) {
      for (int length : new int[] {0, 6, 13, 16, 22, 30, 40, 50}) {
        if (length < frame.length) {
          cut.add(Arrays.copyOf(frame, length));
        }
      }
    }

    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, true, 65535, LINKTYPE_ETHERNET);
    long ns = T0;
    for (byte[] frame : frames) {
      pcap.packet(ns += 1_000_001L, frame);
    }
    for (byte[] frame : cut) {
      pcap.packet(ns += 1_000_001L, frame, frame.length + 100);
    }
    pcap.record(1_700_000_100L, 0, 100, 100, Arrays.copyOf(frames.get(0), 30));
    pcap.write(target.resolve("frames.pcap"));

    CaptureFileWriter.Pcapng pcapng = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section()
        .iface(LINKTYPE_ETHERNET, 0, 9).iface(LINKTYPE_ETHERNET, 0, 6, -2_000_000_000L).iface(LINKTYPE_RAW, 0);
    for (int i = 0; i < frames.size(); i++) {
      pcapng.epb(i % 2, i % 2 == 0 ? T0 + i : T0 / 1000 + i, frames.get(i));
      pcapng.spb(frames.get(i));
    }
    for (byte[] frame : cut) {
      pcapng.epb(0, T0, frame, frame.length + 7);
    }
    pcapng.epb(2, T0 / 1000, HandFrames.udpV4());
    pcapng.epb(2, T0 / 1000, HandFrames.fragmentedUdpV6());
    pcapng.write(target.resolve("frames.pcapng"));

    CaptureFileWriter.Pcap raw = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, LINKTYPE_RAW);
    raw.packet(T0, HandFrames.udpV4());
    raw.packet(T0, HandFrames.fragmentedUdpV6());
    raw.record(1_700_000_000L, 0, 0x7fffffffL, 60, new byte[0]);
    raw.packet(T0, HandFrames.udpV4());
    raw.write(target.resolve("raw.pcap"));

    Files.write(target.resolve("not-a-capture.bin"), new byte[64]);
  }

  @Test
  void everyColumnAgreesWithTheRowReadInPermissiveAndDropMalformedModes() {
    for (String mode : new String[] {"PERMISSIVE", "DROPMALFORMED"}) {
      Map<String, String> options = Map.of("mode", mode);
      List<Row> rows = ColumnarReads.allRows(spark, false, options, framesDir.toString());
      List<Row> batches = ColumnarReads.allRows(spark, true, options, framesDir.toString());
      ColumnarReads.assertSameRows(rows, batches, mode);
      assertEveryColumnHasValuesAndNulls(rows, mode);
    }
  }

  @Test
  void theColumnarOptionChoosesThePath() {
    assertTrue(ColumnarReads.scannedColumnar(spark.read().format("pcap").load(sample.toString())));
    assertFalse(ColumnarReads.scannedColumnar(
        ColumnarReads.reader(spark, false, Map.of()).load(sample.toString())));
  }

  @Test
  void failFastFailsOnBothPaths() {
    for (boolean columnar : new boolean[] {false, true}) {
      Dataset<Row> packets = ColumnarReads.reader(spark, columnar, Map.of("mode", "FAILFAST"))
          .load(framesDir.resolve("raw.pcap").toString());
      Exception e = assertThrows(Exception.class, packets::collectAsList);
      assertTrue(String.valueOf(e.getMessage()).contains("FAILFAST"), columnar + ": " + e.getMessage());
    }
  }

  @Test
  void tinyBatchesAndTinySplitsGiveTheSameRows() {
    List<Row> rows = ColumnarReads.allRows(spark, false, Map.of(), sampleDir.toString());
    assertEquals(2 * SAMPLE_PACKETS, rows.size());
    String[][] batchSizeAndSplitBytes = {{"1", "128m"}, {"7", "128m"}, {"7", "16k"}, {"4096", "16k"}};
    for (String[] sizes : batchSizeAndSplitBytes) {
      List<Row> batches = ColumnarReads.allRows(spark, true,
          Map.of("batchSize", sizes[0], "maxPartitionBytes", sizes[1]), sampleDir.toString());
      ColumnarReads.assertSameRows(rows, batches, "batchSize " + sizes[0] + ", splits of " + sizes[1]);
    }
  }

  /** Two whole files packed into one partition: one batch each, as a batch never spans two splits. */
  @Test
  void aBatchEndsWithItsSplit() {
    // one partition for the scan (else the two small files are spread over the session's two cores)
    spark.conf().set("spark.sql.files.minPartitionNum", "1");
    try {
      Dataset<Row> packets = spark.read().format("pcap").option("batchSize", "100000").load(sampleDir.toString());
      assertEquals(1, packets.rdd().getNumPartitions());
      assertEquals(2, ColumnarReads.inputBatches(packets.select("file_path", "file_offset")));
    } finally {
      spark.conf().unset("spark.sql.files.minPartitionNum");
    }
  }

  @Test
  void batchesEndAtTheRowCount() {
    Dataset<Row> query = spark.read().format("pcap").option("batchSize", "7").load(sample.toString())
        .select("file_offset");
    assertEquals((SAMPLE_PACKETS + 6) / 7, ColumnarReads.inputBatches(query));
  }

  /** Batches of data end once their bytes reach batchBytes: the count follows from the frame sizes. */
  @Test
  void batchesEndEarlyAtTheByteLimit() {
    int limit = 5000;
    long expected = 0;
    long inBatch = 0;
    for (int i = 0; i < SAMPLE_PACKETS; i++) {
      if (inBatch == 0) {
        expected++;
      }
      inBatch += SampleCaptures.frame(i).length;
      if (inBatch >= limit) {
        inBatch = 0;
      }
    }
    assertTrue(expected > SAMPLE_PACKETS / 4096 + 1, expected + " batches");
    Dataset<Row> query = spark.read().format("pcap").option("batchBytes", Integer.toString(limit))
        .load(sample.toString()).select("data");
    assertEquals(expected, ColumnarReads.inputBatches(query));
  }

  @Test
  void metricsAreTheRowReadsAndPruningHolds() {
    String[][] selections = {{}, {"file_offset", "timestamp"}, {"src_ip", "vlan_ids"}, {"data"}, {"parse_error"}};
    for (String[] columns : selections) {
      long[] row = metrics(false, columns);
      long[] columnar = metrics(true, columns);
      assertEquals(Arrays.toString(row), Arrays.toString(columnar), Arrays.toString(columns));
      boolean decodes = columns.length > 0 && columns[0].equals("src_ip");
      assertEquals(decodes, columnar[1] > 0, "packets decoded for " + Arrays.toString(columns));
      assertEquals(columns.length > 0 && columns[0].equals("data"), columnar[2] > 0,
          "data bytes for " + Arrays.toString(columns));
      assertTrue(columnar[3] > 0, "malformed records counted");
    }
  }

  private static long[] metrics(boolean columnar, String[] columns) {
    Dataset<Row> packets = ColumnarReads.reader(spark, columnar, Map.of()).load(framesDir.toString());
    Dataset<Row> query = columns.length == 0 ? packets.groupBy().count()
        : packets.selectExpr(columns);
    ScanMetrics metrics = ScanMetrics.collect(query);
    return new long[] {metrics.value(PcapMetrics.PACKETS_READ), metrics.value(PcapMetrics.PACKETS_DECODED),
        metrics.value(PcapMetrics.DATA_BYTES_COPIED), metrics.value(PcapMetrics.MALFORMED_RECORDS)};
  }

  /**
   * Guards the comparison against frames that leave a column always null or never null: every column but
   * the record's own ones must have both, and each tag array must have an empty and a non-empty value.
   */
  private static void assertEveryColumnHasValuesAndNulls(List<Row> rows, String label) {
    Set<String> alwaysPresent = Set.of("file_path", "file_offset", "interface_id", "link_type",
        "captured_length", "original_length", "data");
    String[] names = rows.get(0).schema().fieldNames();
    assertEquals(PcapColumn.values().length, names.length);
    for (int c = 0; c < names.length; c++) {
      Set<Boolean> nullness = new HashSet<>();
      for (Row row : rows) {
        nullness.add(row.isNullAt(c));
      }
      boolean parseErrorDropped = names[c].equals("parse_error") && label.equals("DROPMALFORMED");
      assertTrue(nullness.contains(false) || parseErrorDropped, label + ": " + names[c] + " never has a value");
      assertTrue(nullness.contains(true) || alwaysPresent.contains(names[c]), label + ": " + names[c] + " never null");
    }
    for (String tags : new String[] {"vlan_ids", "mpls_labels"}) {
      Set<Integer> sizes = new HashSet<>();
      for (Row row : rows) {
        if (!row.isNullAt(row.fieldIndex(tags))) {
          sizes.add(row.getList(row.fieldIndex(tags)).size());
        }
      }
      assertTrue(sizes.contains(0) && sizes.stream().anyMatch(n -> n > 1), tags + " sizes " + sizes);
    }
  }
}
