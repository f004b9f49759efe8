package org.nexusflowmeter.jobs.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * XLSX export read back with POI's own reader (XSSFWorkbook). Expected serials come from Excel's 1900 date system:
 * 2026-11-26 is serial 46,352 (2026-01-01 is 46,023, and Nov 26 is the year's 330th day); the instant
 * 2026-11-26T23:20:45.184207Z is the first packet of samples/lo-sample.pcap (1,795,735,245.184207 s, per capinfos).
 */
class XlsxExporterTest {
  private static final long SERIAL_2026_11_26 = 46_352;
  private static final long MICROS_OF_DAY_23_20_45_184207 = (23 * 3600 + 20 * 60 + 45) * 1_000_000L + 184_207;
  private static final Instant FIRST_PACKET = Instant.ofEpochSecond(1_795_735_245L, 184_207_000);

  private static SparkSession spark;

  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("XlsxExporterTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static final StructType EVERY_TYPE = new StructType()
      .add("byte_col", DataTypes.ByteType)
      .add("short_col", DataTypes.ShortType)
      .add("int_col", DataTypes.IntegerType)
      .add("long_col", DataTypes.LongType)
      .add("float_col", DataTypes.FloatType)
      .add("double_col", DataTypes.DoubleType)
      .add("decimal_col", DataTypes.createDecimalType(10, 3))
      .add("bool_col", DataTypes.BooleanType)
      .add("string_col", DataTypes.StringType)
      .add("ts_col", DataTypes.TimestampType)
      .add("ts_ntz_col", DataTypes.TimestampNTZType)
      .add("date_col", DataTypes.DateType);

  @Test
  void cellsAreTypedFromTheSchema() throws Exception {
    List<Row> rows = List.of(
        RowFactory.create((byte) -7, (short) 1234, 65_535, 9_007_199_254_740_993L, 0.1f, 2.5,
            new BigDecimal("1234.567"), true, "plain text", Timestamp.from(FIRST_PACKET),
            LocalDateTime.of(2026, 11, 26, 23, 20, 45, 184_207_000), LocalDate.of(2026, 11, 26)),
        RowFactory.create(new Object[EVERY_TYPE.size()]),
        RowFactory.create(null, null, null, -9_007_199_254_740_992L, Float.NEGATIVE_INFINITY, Double.NaN,
            null, false, "", null, null, null),
        RowFactory.create(null, null, null, 42L, Float.NaN, Double.POSITIVE_INFINITY,
            null, null, null, null, null, null));
    Path file = dir.resolve("types.xlsx");

    assertEquals(4, XlsxExporter.export(spark.createDataFrame(rows, EVERY_TYPE), file));

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertEquals(1, workbook.getNumberOfSheets());
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertEquals("flows", sheet.getSheetName());
      assertHeader(sheet, EVERY_TYPE.fieldNames());
      assertEquals(4, sheet.getLastRowNum());

      XSSFRow full = sheet.getRow(1);
      assertNumber(-7, full.getCell(0));
      assertNumber(1234, full.getCell(1));
      assertNumber(65_535, full.getCell(2));
      // 2^53 + 1 has no double: kept exact as text
      assertText("9007199254740993", full.getCell(3));
      assertNumber(0.1, full.getCell(4));
      assertNumber(2.5, full.getCell(5));
      assertNumber(1234.567, full.getCell(6));
      assertEquals(CellType.BOOLEAN, full.getCell(7).getCellType());
      assertTrue(full.getCell(7).getBooleanCellValue());
      assertText("plain text", full.getCell(8));
      assertFalse(full.getCell(8).getCellStyle().getQuotePrefixed());
      assertTimestamp(full.getCell(9));
      assertTimestamp(full.getCell(10));
      assertEquals(CellType.NUMERIC, full.getCell(11).getCellType());
      assertEquals(SERIAL_2026_11_26, full.getCell(11).getNumericCellValue());
      assertEquals("yyyy-mm-dd", full.getCell(11).getCellStyle().getDataFormatString());
      assertEquals("2026-11-26", new DataFormatter().formatCellValue(full.getCell(11)));

      XSSFRow allNull = sheet.getRow(2);
      assertEquals(0, allNull == null ? 0 : allNull.getPhysicalNumberOfCells());

      XSSFRow edges = sheet.getRow(3);
      assertNull(edges.getCell(0));
      assertNumber(-9_007_199_254_740_992.0, edges.getCell(3));
      assertNull(edges.getCell(4), "-Infinity leaves the cell empty");
      assertNull(edges.getCell(5), "NaN leaves the cell empty");
      assertEquals(CellType.BOOLEAN, edges.getCell(7).getCellType());
      assertFalse(edges.getCell(7).getBooleanCellValue());
      assertText("", edges.getCell(8));

      XSSFRow moreEdges = sheet.getRow(4);
      assertNumber(42, moreEdges.getCell(3));
      assertNull(moreEdges.getCell(4), "NaN leaves the cell empty");
      assertNull(moreEdges.getCell(5), "Infinity leaves the cell empty");
      assertEquals(1, moreEdges.getPhysicalNumberOfCells(), "only the long cell is present");
    }
  }

  /** Timestamps Spark hands over as Instant (its Java 8 time API), and days Excel cannot show. */
  @Test
  void instantsAndDaysBeyondExcelsCalendar() throws Exception {
    StructType schema = new StructType()
        .add("ts", DataTypes.TimestampType)
        .add("day", DataTypes.DateType);
    Instant beforeExcel = Instant.parse("1900-02-28T12:00:00Z");
    List<Row> rows = List.of(
        RowFactory.create(FIRST_PACKET, LocalDate.of(1900, 3, 1)),
        RowFactory.create(beforeExcel, LocalDate.of(1900, 2, 28)),
        RowFactory.create(Instant.EPOCH, LocalDate.of(10_000, 1, 1)));
    Path file = dir.resolve("instants.xlsx");

    try (var out = Files.newOutputStream(file)) {
      assertEquals(3, new XlsxExporter(XlsxExporter.ROW_WINDOW, XlsxExporter.EXCEL_DATA_ROWS_PER_SHEET)
          .write(schema, rows.iterator(), out));
    }

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertTimestamp(sheet.getRow(1).getCell(0));
      // 1900-03-01 is serial 61: the 1900 system's phantom 1900-02-29 is serial 60
      assertNumber(61, sheet.getRow(1).getCell(1));
      assertText("1900-02-28T12:00:00Z", sheet.getRow(2).getCell(0));
      assertText("1900-02-28", sheet.getRow(2).getCell(1));
      assertNumber(25_569, sheet.getRow(3).getCell(0));
      assertText("+10000-01-01", sheet.getRow(3).getCell(1));
    }
  }

  @Test
  void formulaLikeTextStaysText() throws Exception {
    String[] texts = {
        "=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1",
        "=HYPERLINK(\"http://127.0.0.1/\",\"x\")", "=cmd|' /C calc'!A0", "a=b", "1+1"};
    List<Row> rows = new ArrayList<>();
    for (String text : texts) {
      rows.add(RowFactory.create(text));
    }
    StructType schema = new StructType().add("text", DataTypes.StringType);
    Path file = dir.resolve("formulas.xlsx");

    assertEquals(texts.length, XlsxExporter.export(spark.createDataFrame(rows, schema), file));

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      for (int i = 0; i < texts.length; i++) {
        XSSFCell cell = sheet.getRow(i + 1).getCell(0);
        assertText(texts[i], cell);
        boolean trigger = i < texts.length - 2;
        assertEquals(trigger, cell.getCellStyle().getQuotePrefixed(), texts[i]);
      }
    }
    String xml = SheetXml.of(file, 1);
    assertFalse(xml.contains("<f>") || xml.contains("<f "), "no formula element in the sheet");
    assertEquals(texts.length + 1, count(xml, "t=\"inlineStr\""), "every text cell, header included, inline");
  }

  @Test
  void textLongerThanACellHoldsIsCut() throws Exception {
    String tooLong = "x".repeat(TextCells.MAX_LENGTH + 10);
    // a surrogate pair straddling the limit is dropped whole, not split into half a character
    String pairAtLimit = "y".repeat(TextCells.MAX_LENGTH - 1) + "\uD83D\uDE00" + "z";
    StructType schema = new StructType().add("text", DataTypes.StringType);
    Path file = dir.resolve("long.xlsx");

    XlsxExporter.export(spark.createDataFrame(
        List.of(RowFactory.create(tooLong), RowFactory.create(pairAtLimit)), schema), file);

    assertEquals(32_767, TextCells.MAX_LENGTH);
    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertText("x".repeat(32_767), sheet.getRow(1).getCell(0));
      assertText("y".repeat(32_766), sheet.getRow(2).getCell(0));
    }
  }

  @Test
  void rowsPastTheSheetLimitContinueOnNewSheets() throws Exception {
    Dataset<Row> ten = spark.range(0, 10, 1, 3).toDF("id");
    Path file = dir.resolve("overflow.xlsx");

    assertEquals(10, new XlsxExporter(3, 4).write(ten, file));

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertEquals(3, workbook.getNumberOfSheets());
      assertSheetIds(workbook.getSheetAt(0), "flows", 0, 4);
      assertSheetIds(workbook.getSheetAt(1), "flows (2)", 4, 4);
      assertSheetIds(workbook.getSheetAt(2), "flows (3)", 8, 2);
    }
  }

  @Test
  void rowsFillingTheLastSheetExactlyAddNoEmptySheet() throws Exception {
    Path file = dir.resolve("exact.xlsx");

    assertEquals(8, new XlsxExporter(3, 4).write(spark.range(0, 8, 1, 2).toDF("id"), file));

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertEquals(2, workbook.getNumberOfSheets());
      assertSheetIds(workbook.getSheetAt(1), "flows (2)", 4, 4);
    }
  }

  @Test
  void exportsToAStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    assertEquals(5, XlsxExporter.export(spark.range(10, 15, 1, 2).toDF("id"), out));

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals(1, workbook.getNumberOfSheets());
      assertSheetIds(workbook.getSheetAt(0), "flows", 10, 5);
    }
  }

  @Test
  void noRowsGiveAHeaderOnly() throws Exception {
    Path file = dir.resolve("empty.xlsx");

    assertEquals(0, XlsxExporter.export(spark.range(0).toDF("id"), file));

    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertEquals(1, workbook.getNumberOfSheets());
      assertSheetIds(workbook.getSheetAt(0), "flows", 0, 0);
    }
  }

  @Test
  void aTargetNameOfTheLongestLengthIsWritten() throws Exception {
    // 255 bytes, the most a file name may have: ".<name>.partial" beside it would be 264
    Path file = dir.resolve("x".repeat(250) + ".xlsx");

    assertEquals(3, XlsxExporter.export(spark.range(0, 3, 1, 2).toDF("id"), file));

    assertEquals(List.of(file), listing(), "no partial file left beside the target");
    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertSheetIds(workbook.getSheetAt(0), "flows", 0, 3);
    }
  }

  @Test
  void aFailedExportLeavesTheTargetAsItWas(@TempDir Path poiTemp) throws Exception {
    Path sheetFiles = poiTemp.resolve("poi");
    TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(sheetFiles.toFile()));
    try {
      exportFailsThenSucceeds();
    } finally {
      TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
    }
    assertTrue(Files.isDirectory(sheetFiles), "POI put its sheet files here");
    try (Stream<Path> left = Files.list(sheetFiles)) {
      assertEquals(List.of(), left.toList(), "no temporary sheet file outlives its export");
    }
  }

  private void exportFailsThenSucceeds() throws Exception {
    Path file = dir.resolve("flows.xlsx");
    byte[] previous = "previous export".getBytes(StandardCharsets.US_ASCII);
    Files.write(file, previous);
    // row 700 of 1,000 fails inside an executor task, after earlier partitions reached the workbook
    Dataset<Row> failing = spark.range(0, 1000, 1, 4).select(
        functions.when(functions.col("id").equalTo(700), functions.raise_error(functions.lit("row 700")))
            .otherwise(functions.col("id").cast("string")).as("id"));

    Exception failure = assertThrows(Exception.class, () -> XlsxExporter.export(failing, file));

    assertTrue(String.valueOf(failure.getMessage()).contains("row 700"), failure.toString());
    assertArrayEquals(previous, Files.readAllBytes(file));
    assertEquals(List.of(file), listing());

    assertEquals(1000, XlsxExporter.export(spark.range(0, 1000, 1, 4).toDF("id"), file));
    assertEquals(List.of(file), listing(), "no partial file left beside the target");
    try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
      assertSheetIds(workbook.getSheetAt(0), "flows", 0, 1000);
    }
  }

  @Test
  void aFailedExportKeepsItsErrorWhenItsPartialFileCannotBeDeleted() throws Exception {
    Path file = dir.resolve("flows.xlsx");
    // a directory with a file in it where the export puts its partial file: opening it fails, and deleting it too
    Path inTheWay = Files.createDirectory(dir.resolve(".flows.xlsx.partial"));
    Files.writeString(inTheWay.resolve("someone else's"), "kept");

    IOException thrown =
        assertThrows(IOException.class, () -> XlsxExporter.export(spark.range(0, 3).toDF("id"), file));

    assertFalse(thrown instanceof DirectoryNotEmptyException, "the export's error, not the deletion's: " + thrown);
    assertEquals(1, thrown.getSuppressed().length, thrown.toString());
    assertInstanceOf(DirectoryNotEmptyException.class, thrown.getSuppressed()[0]);
    assertFalse(Files.exists(file));
  }

  @Test
  void typesWithoutACellTypeAreRefused() {
    Dataset<Row> withArray = spark.range(3).select(
        functions.col("id"), functions.array(functions.col("id")).as("ids"));
    Path file = dir.resolve("array.xlsx");

    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> XlsxExporter.export(withArray, file));

    assertTrue(refused.getMessage().contains("ids"), refused.getMessage());
    assertFalse(Files.exists(file));
  }

  private List<Path> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  private static void assertHeader(Sheet sheet, String[] names) {
    org.apache.poi.ss.usermodel.Row header = sheet.getRow(0);
    assertEquals(names.length, header.getPhysicalNumberOfCells());
    for (int i = 0; i < names.length; i++) {
      Cell cell = header.getCell(i);
      assertText(names[i], cell);
      assertTrue(((XSSFCell) cell).getCellStyle().getFont().getBold(), names[i] + " bold");
    }
    PaneInformation pane = sheet.getPaneInformation();
    assertTrue(pane != null && pane.isFreezePane(), "header frozen");
    assertEquals(1, pane.getHorizontalSplitPosition());
    assertEquals(0, pane.getVerticalSplitPosition());
  }

  /** A sheet of the one-column id frame: header, then ids first, first+1, ... */
  private static void assertSheetIds(Sheet sheet, String name, long first, int count) {
    assertEquals(name, sheet.getSheetName());
    assertHeader(sheet, new String[] {"id"});
    assertEquals(count, sheet.getLastRowNum());
    for (int i = 1; i <= count; i++) {
      assertNumber(first + i - 1, sheet.getRow(i).getCell(0));
    }
  }

  private static void assertTimestamp(Cell cell) {
    assertEquals(CellType.NUMERIC, cell.getCellType());
    assertTrue(DateUtil.isCellDateFormatted(cell));
    assertEquals("yyyy-mm-dd hh:mm:ss.000", cell.getCellStyle().getDataFormatString());
    double serial = cell.getNumericCellValue();
    assertEquals(SERIAL_2026_11_26, (long) Math.floor(serial));
    double microsOfDay = (serial - SERIAL_2026_11_26) * 86_400_000_000.0;
    assertEquals(MICROS_OF_DAY_23_20_45_184207, microsOfDay, 1.0, "within a microsecond");
    assertEquals("2026-11-26 23:20:45.184", new DataFormatter().formatCellValue(cell));
  }

  private static void assertNumber(double expected, Cell cell) {
    assertEquals(CellType.NUMERIC, cell.getCellType());
    assertEquals(expected, cell.getNumericCellValue());
  }

  private static void assertText(String expected, Cell cell) {
    assertEquals(CellType.STRING, cell.getCellType(), Arrays.toString(expected.toCharArray()));
    assertEquals(expected, cell.getStringCellValue());
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
