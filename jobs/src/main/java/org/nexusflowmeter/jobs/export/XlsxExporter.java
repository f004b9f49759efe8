package org.nexusflowmeter.jobs.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.nexusflowmeter.jobs.files.HiddenFiles;
import org.nexusflowmeter.jobs.files.HiddenSibling;

/**
 * Writes a DataFrame to an XLSX workbook on the driver, in memory that stays flat whatever the row count.
 *
 * <p>Rows come to the driver one partition at a time ({@link Dataset#toLocalIterator()}), so the driver holds the
 * largest partition's rows at once, never the whole frame: a frame with huge partitions should be repartitioned
 * first. POI's streaming workbook keeps only the last {@value #ROW_WINDOW} rows in memory and flushes the rest to
 * compressed temporary files, which closing the workbook deletes.
 *
 * <p>Each sheet starts with a bold, frozen header row of the column names; cells are typed from the schema (see
 * {@link ColumnWriter}); nulls are empty cells. A sheet holds at most 1,048,575 data rows (Excel's 1,048,576 with
 * the header); the export continues on sheets named {@code flows (2)}, {@code flows (3)}, ...
 */
public final class XlsxExporter {
  static final String SHEET_NAME = "flows";
  /** Rows kept in memory before POI flushes them to its temporary file. */
  static final int ROW_WINDOW = 100;
  static final int EXCEL_DATA_ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;
  /** Column width (in characters) that shows a whole {@value CellStyles#TIMESTAMP_FORMAT} value. */
  private static final int TIMESTAMP_WIDTH = 25;
  private static final int MIN_WIDTH = 10;

  private final int rowWindow;
  private final int dataRowsPerSheet;

  XlsxExporter(int rowWindow, int dataRowsPerSheet) {
    if (rowWindow < 1 || dataRowsPerSheet < 1 || dataRowsPerSheet > EXCEL_DATA_ROWS_PER_SHEET) {
      throw new IllegalArgumentException("row window " + rowWindow + ", rows per sheet " + dataRowsPerSheet);
    }
    this.rowWindow = rowWindow;
    this.dataRowsPerSheet = dataRowsPerSheet;
  }

  /**
   * Writes the rows to an XLSX file. The workbook is written beside the target as {@code .<name>.partial}
   * (shortened when that is longer than a file name may be, see {@link HiddenSibling}) and then renamed onto it
   * atomically, so an interrupted export never leaves a half-written file under the target's name (an existing
   * target stays as it was). A killed JVM can leave the {@code .partial} file, which the next export to the same
   * target overwrites; two exports to one target at once would share it. Returns the number of data rows
   * written.
   */
  public static long export(Dataset<Row> rows, Path target) throws IOException {
    return new XlsxExporter(ROW_WINDOW, EXCEL_DATA_ROWS_PER_SHEET).write(rows, target);
  }

  /** Writes the rows as an XLSX workbook to the stream (left open); returns the number of data rows written. */
  public static long export(Dataset<Row> rows, OutputStream out) throws IOException {
    return new XlsxExporter(ROW_WINDOW, EXCEL_DATA_ROWS_PER_SHEET).write(rows.schema(), rows.toLocalIterator(), out);
  }

  long write(Dataset<Row> rows, Path target) throws IOException {
    Path finalPath = target.toAbsolutePath();
    Path partial = HiddenSibling.of(finalPath, ".partial");
    return HiddenFiles.deletedAfter(() -> {
      long written;
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        written = write(rows.schema(), rows.toLocalIterator(), out);
        out.flush();
        // on disk before the rename, so a crash just after it cannot leave an empty file under the final name
        channel.force(true);
      }
      Files.move(partial, finalPath, StandardCopyOption.ATOMIC_MOVE);
      return written;
    }, () -> Files.deleteIfExists(partial));
  }

  long write(StructType schema, Iterator<Row> rows, OutputStream out) throws IOException {
    SXSSFWorkbook workbook = new SXSSFWorkbook(null, rowWindow, true, false);
    try {
      CellStyles styles = new CellStyles(workbook);
      StructField[] fields = schema.fields();
      ColumnWriter[] writers = new ColumnWriter[fields.length];
      for (int column = 0; column < fields.length; column++) {
        writers[column] = ColumnWriter.forField(fields[column], styles);
      }
      SXSSFSheet sheet = newSheet(workbook, fields, styles);
      int rowInSheet = 0;
      long written = 0;
      while (rows.hasNext()) {
        if (rowInSheet == dataRowsPerSheet) {
          sheet = newSheet(workbook, fields, styles);
          rowInSheet = 0;
        }
        Row row = rows.next();
        org.apache.poi.ss.usermodel.Row target = sheet.createRow(++rowInSheet);
        for (int column = 0; column < writers.length; column++) {
          if (!row.isNullAt(column)) {
            writers[column].write(row, column, target);
          }
        }
        written++;
      }
      workbook.write(out);
      return written;
    } finally {
      // close() alone also deletes the temporary files, but it shuts their writers first: after a failed export
      // the rows still in the window then fail to flush and POI logs a misleading "Failed to dispose sheet"
      workbook.dispose();
      workbook.close();
    }
  }

  private static SXSSFSheet newSheet(SXSSFWorkbook workbook, StructField[] fields, CellStyles styles) {
    int number = workbook.getNumberOfSheets() + 1;
    SXSSFSheet sheet = workbook.createSheet(number == 1 ? SHEET_NAME : SHEET_NAME + " (" + number + ")");
    org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
    for (int column = 0; column < fields.length; column++) {
      Cell cell = header.createCell(column);
      cell.setCellValue(TextCells.fitted(fields[column].name()));
      cell.setCellStyle(styles.header);
      int width = Math.max(MIN_WIDTH, fields[column].name().length() + 2);
      DataType type = fields[column].dataType();
      if (type instanceof TimestampType || type instanceof TimestampNTZType) {
        width = Math.max(width, TIMESTAMP_WIDTH);
      }
      // POI counts widths in 1/256 of a character; Excel caps a column at 255 characters
      sheet.setColumnWidth(column, Math.min(width, 255) * 256);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }
}
