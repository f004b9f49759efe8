package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * {@code -of xlsx} through the launcher's main on samples/lo-sample.pcap: one .xlsx file whose one sheet holds the
 * header and the 40 flows the oracle finds there (see FlowLauncherTest), each cell of the type of its column and
 * holding the value FlowJob gives for that flow, read back with POI's XSSFWorkbook.
 */
class FlowXlsxTest {
  private static final Path SAMPLE = Path.of("..").toAbsolutePath().normalize().resolve("samples/lo-sample.pcap");
  /** Excel's 1900 date system puts 1970-01-01 at serial 25,569. */
  private static final double UNIX_EPOCH_SERIAL = 25_569;
  private static final double MICROS_PER_DAY = 86_400_000_000.0;
  /** A serial near 46,000 resolves about 0.6 µs: allow two. */
  private static final double TWO_MICROSECONDS_IN_DAYS = 2 / MICROS_PER_DAY;

  @Test
  void writesOneWorkbookWithTheHeaderAndFortyTypedRows(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("flows.xlsx");
    SparkSession spark = LocalSpark.start("FlowXlsxTest");
    List<Row> flows;
    try {
      Dataset<Row> flowTable = FlowJob.flows(spark.read().format("pcap").load(SAMPLE.toString()),
          FlowJobOptions.defaults());
      FlowWriter.writeSingleFile(flowTable, FlowOutputFormat.XLSX, output);
      flows = flowTable.collectAsList();
    } finally {
      spark.stop();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(output), files.collect(Collectors.toList()), "only the output file, no parts left");
    }

    List<String> header = new ArrayList<>();
    Map<String, XSSFRow> cellsById = new HashMap<>();
    try (InputStream in = Files.newInputStream(output); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertEquals(1, workbook.getNumberOfSheets());
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertEquals("flows", sheet.getSheetName());
      assertEquals(40, sheet.getLastRowNum(), "data rows after the header");
      sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        XSSFRow row = sheet.getRow(r);
        cellsById.put(row.getCell(0).getStringCellValue(), row);
      }
    }
    assertEquals(List.of(FlowColumns.outputSchema(false).fieldNames()), header);
    assertEquals(40, cellsById.size(), "flow ids are unique");

    assertEquals(40, flows.size());
    for (Row flow : flows) {
      XSSFRow cells = cellsById.get(flow.getString(0));
      assertNotNull(cells, flow.getString(0));
      for (int column = 0; column < flow.length(); column++) {
        assertCell(flow.get(column), cells.getCell(column), flow.getString(0) + " " + header.get(column));
      }
    }
  }

  /** The cell holds the value with the type Excel should see: text, number, boolean, date, or nothing for null. */
  private static void assertCell(Object expected, Cell cell, String where) {
    if (expected == null) {
      assertTrue(cell == null || cell.getCellType() == CellType.BLANK, where + " should be empty");
      return;
    }
    assertNotNull(cell, where);
    if (expected instanceof String) {
      assertEquals(CellType.STRING, cell.getCellType(), where);
      assertEquals(expected, cell.getStringCellValue(), where);
    } else if (expected instanceof Boolean) {
      assertEquals(CellType.BOOLEAN, cell.getCellType(), where);
      assertEquals(expected, cell.getBooleanCellValue(), where);
    } else if (expected instanceof Timestamp) {
      assertEquals(CellType.NUMERIC, cell.getCellType(), where);
      assertTrue(DateUtil.isCellDateFormatted(cell), where + " should be date-formatted");
      Instant instant = ((Timestamp) expected).toInstant();
      double serial = UNIX_EPOCH_SERIAL + ChronoUnit.MICROS.between(Instant.EPOCH, instant) / MICROS_PER_DAY;
      assertEquals(serial, cell.getNumericCellValue(), TWO_MICROSECONDS_IN_DAYS, where);
    } else {
      assertEquals(CellType.NUMERIC, cell.getCellType(), where);
      assertFalse(DateUtil.isCellDateFormatted(cell), where + " is a number, not a date");
      assertEquals(((Number) expected).doubleValue(), cell.getNumericCellValue(), 0.0, where);
    }
  }
}
