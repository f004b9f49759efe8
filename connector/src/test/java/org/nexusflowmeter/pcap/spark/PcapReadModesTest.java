package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** PERMISSIVE, DROPMALFORMED and FAILFAST on a truncated last record, an absurd caplen and a non-capture file. */
class PcapReadModesTest {
  private static final long T0 = 1_600_000_000_000_000_000L;
  private static SparkSession spark;

  @TempDir
  static Path dir;

  private static Path truncated;
  private static long truncatedOffset;
  private static Path absurd;
  private static long absurdOffset;
  private static Path notCapture;

  /**
   * truncated.pcap: 5 packets, then a record whose header promises 100 bytes and 30 follow.
   * absurd.pcap: 3 packets, a record header with caplen 0x7fffffff, then 3 more packets (found again by resync).
   */
  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("PcapReadModesTest");
    CaptureFileWriter.Pcap t = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    for (int i = 0; i < 5; i++) {
      t.packet(T0 + i * 1000L, SampleCaptures.frame(i));
    }
    truncatedOffset = t.offset();
    t.record(1_600_000_001L, 0, 100, 100, Arrays.copyOf(SampleCaptures.frame(5), 30));
    truncated = t.write(dir.resolve("truncated.pcap"));

    CaptureFileWriter.Pcap a = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    for (int i = 0; i < 3; i++) {
      a.packet(T0 + i * 1000L, SampleCaptures.frame(i));
    }
    absurdOffset = a.offset();
    a.record(1_600_000_001L, 0, 0x7fffffffL, 60, new byte[0]);
    for (int i = 3; i < 6; i++) {
      a.packet(T0 + i * 1000L, SampleCaptures.frame(i));
    }
    absurd = a.write(dir.resolve("absurd.pcap"));

    notCapture = Files.write(dir.resolve("notes.txt"),
        "this is a text file, not a capture\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void permissiveKeepsTheTruncatedRecordAsAnErrorRow() {
    List<Row> rows = read(truncated, "PERMISSIVE");
    assertEquals(6, rows.size());
    rows.subList(0, 5).forEach(r -> assertNull(r.getAs("parse_error")));
    Row last = rows.get(5);
    assertEquals(truncatedOffset, (long) last.getAs("file_offset"));
    assertNotNull(last.getAs("parse_error"));
    assertTrue(last.getAs("file_path").toString().endsWith("truncated.pcap"));
  }

  @Test
  void dropMalformedSkipsTheTruncatedRecord() {
    List<Row> rows = read(truncated, "dropmalformed");
    assertEquals(5, rows.size());
    rows.forEach(r -> assertNull(r.getAs("parse_error")));
  }

  @Test
  void failFastNamesFileAndOffsetOfTheTruncatedRecord() {
    assertFailFast(truncated, truncatedOffset);
  }

  @Test
  void permissiveReportsTheAbsurdCaplenAndGoesOn() {
    List<Row> rows = read(absurd, "PERMISSIVE");
    assertEquals(7, rows.size());
    Row error = rows.get(3);
    assertEquals(absurdOffset, (long) error.getAs("file_offset"));
    assertNotNull(error.getAs("parse_error"));
    for (int i : new int[] {0, 1, 2, 4, 5, 6}) {
      assertNull(rows.get(i).getAs("parse_error"));
    }
    assertEquals(T0 + 5 * 1000L, (long) rows.get(6).getAs("timestamp_ns"));
  }

  @Test
  void dropMalformedSkipsTheAbsurdCaplen() {
    List<Row> rows = read(absurd, "DROPMALFORMED");
    assertEquals(6, rows.size());
    rows.forEach(r -> assertNull(r.getAs("parse_error")));
  }

  @Test
  void failFastNamesFileAndOffsetOfTheAbsurdCaplen() {
    assertFailFast(absurd, absurdOffset);
  }

  @Test
  void aNonCaptureFileIsOneErrorRow() {
    List<Row> rows = read(notCapture, "PERMISSIVE");
    assertEquals(1, rows.size());
    assertEquals(0L, (long) rows.get(0).getAs("file_offset"));
    assertNotNull(rows.get(0).getAs("parse_error"));
    assertEquals(0, read(notCapture, "DROPMALFORMED").size());
  }

  @Test
  void unknownModeIsRejected() {
    Exception e = assertThrows(Exception.class, () -> read(truncated, "LENIENT"));
    assertTrue(String.valueOf(e.getMessage()).contains("LENIENT"), e.getMessage());
  }

  private static List<Row> read(Path file, String mode) {
    return spark.read().format("pcap").option("mode", mode).load(file.toString())
        .select("file_path", "file_offset", "timestamp_ns", "src_ip", "parse_error")
        .orderBy("file_offset").collectAsList();
  }

  private static void assertFailFast(Path file, long offset) {
    Exception e = assertThrows(Exception.class, () -> read(file, "FAILFAST"));
    String messages = causeMessages(e);
    assertTrue(messages.contains(file.getFileName().toString()), messages);
    assertTrue(messages.contains(Long.toString(offset)), messages);
  }

  private static String causeMessages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
