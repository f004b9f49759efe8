package org.nexusflowmeter.jobs.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** The exporter at sizes that matter: Excel's real row limit, and memory that stays flat as rows grow. */
class XlsxExporterScaleTest {
  private static final int EXCEL_ROWS = 1_048_576;
  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("XlsxExporterScaleTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Excel's 1,048,576 rows per sheet, header included: ten rows more than one sheet holds spill onto a second. */
  @Test
  void excelsRowLimitStartsASecondSheet() throws Exception {
    long rows = EXCEL_ROWS + 10;
    Path file = dir.resolve("limit.xlsx");
    long start = System.nanoTime();

    assertEquals(rows, XlsxExporter.export(spark.range(0, rows, 1, 8).toDF("id"), file));

    System.out.printf("%,d rows exported in %.1f s, %,d bytes%n", rows, (System.nanoTime() - start) / 1e9,
        Files.size(file));
    List<SheetRowCounter.SheetSummary> sheets = SheetRowCounter.read(file);
    assertEquals(List.of(
        new SheetRowCounter.SheetSummary("flows", EXCEL_ROWS, EXCEL_ROWS - 1, "id", "0", "1048574"),
        new SheetRowCounter.SheetSummary("flows (2)", 12, 11, "id", "1048575", "1048585")), sheets);
  }

  /**
   * 300,000 rows of five columns through a ten-row window: the heap in use once every row is in the workbook
   * (just before it is written out) grows by far less than the rows' data. The same export with a window as large
   * as the frame, which keeps every row in memory, must grow past the bound, or the bound proves nothing.
   */
  @Test
  void memoryStaysFlat() throws Exception {
    int rows = 300_000;
    Dataset<Row> frame = spark.range(0, rows, 1, 60).select(
        functions.col("id"),
        functions.concat(functions.lit("flow-"), functions.lpad(functions.col("id").cast("string"), 55, "0"))
            .as("name"),
        functions.col("id").multiply(0.5).as("ratio"),
        functions.timestamp_seconds(functions.col("id").plus(1_795_735_245L)).as("start_time"),
        functions.col("id").mod(2).equalTo(0).as("even"));
    Path file = dir.resolve("flat.xlsx");

    long flat = heapGrowth(new XlsxExporter(10, XlsxExporter.EXCEL_DATA_ROWS_PER_SHEET), frame, file);
    long sheetXml;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      sheetXml = zip.getEntry("xl/worksheets/sheet1.xml").getSize();
    }
    long unbounded = heapGrowth(new XlsxExporter(rows, XlsxExporter.EXCEL_DATA_ROWS_PER_SHEET), frame, file);

    System.out.printf("heap growth: window 10 %,d bytes, window %,d %,d bytes; sheet XML %,d bytes%n",
        flat, rows, unbounded, sheetXml);
    long bound = 16L << 20;
    assertTrue(sheetXml > 4 * bound, "the data is far larger than the bound: " + sheetXml);
    assertTrue(flat < bound, "heap grew by " + flat);
    assertTrue(unbounded > 4 * bound, "heap grew by only " + unbounded + " with every row in memory");
  }

  /** Heap in use after a GC, measured when the exporter has taken the last row, minus the same before it started. */
  private static long heapGrowth(XlsxExporter exporter, Dataset<Row> frame, Path file) throws Exception {
    long before = usedAfterGc();
    HeapAtEnd rows = new HeapAtEnd(frame.toLocalIterator());
    try (OutputStream out = Files.newOutputStream(file)) {
      exporter.write(frame.schema(), rows, out);
    }
    return rows.usedAtEnd - before;
  }

  private static long usedAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Passes rows through and measures the heap the moment the exporter finds no more. */
  private static final class HeapAtEnd implements Iterator<Row> {
    private final Iterator<Row> rows;
    long usedAtEnd = -1;

    HeapAtEnd(Iterator<Row> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more && usedAtEnd < 0) {
        usedAtEnd = usedAfterGc();
      }
      return more;
    }

    @Override
    public Row next() {
      return rows.next();
    }
  }
}
