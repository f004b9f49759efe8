package org.nexusflowmeter.jobs.export;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Writes one column's non-null value from a Spark row into a spreadsheet row, as the cell type the column's Spark
 * type calls for. Chosen once per column from the schema, so rows are written without looking at types.
 *
 * <ul>
 *   <li>byte, short, int, decimal: numbers (decimals as the nearest double, about 15 significant digits).
 *   <li>long: a number while exact in a double (|v| ≤ 2^53); beyond that its digits as text, since a spreadsheet
 *       number would silently round it.
 *   <li>float, double: numbers; NaN and ±Infinity, which a spreadsheet cannot hold, leave the cell empty. Floats
 *       go through their shortest decimal text, so 0.1f shows as 0.1 and not 0.100000001490116.
 *   <li>boolean: booleans. string: text (see {@link TextCells}).
 *   <li>timestamp: a date cell formatted {@value CellStyles#TIMESTAMP_FORMAT} in UTC; timestamp_ntz: the same
 *       without a zone; date: a date cell formatted {@value CellStyles#DATE_FORMAT}. Times before 1900-03-01 or
 *       after 9999, which Excel cannot show, are written as ISO-8601 text instead.
 * </ul>
 *
 * Other types (binary, arrays, maps, structs, intervals) are refused up front: cast them to string first.
 */
@FunctionalInterface
interface ColumnWriter {
  /** Largest long a double holds exactly, with every smaller one. */
  long MAX_EXACT_LONG = 1L << 53;

  void write(Row source, int column, org.apache.poi.ss.usermodel.Row target);

  static ColumnWriter forField(StructField field, CellStyles styles) {
    DataType type = field.dataType();
    if (type instanceof ByteType) {
      return (source, column, target) -> target.createCell(column).setCellValue(source.getByte(column));
    }
    if (type instanceof ShortType) {
      return (source, column, target) -> target.createCell(column).setCellValue(source.getShort(column));
    }
    if (type instanceof IntegerType) {
      return (source, column, target) -> target.createCell(column).setCellValue(source.getInt(column));
    }
    if (type instanceof LongType) {
      return ColumnWriter::writeLong;
    }
    if (type instanceof FloatType) {
      return (source, column, target) ->
          writeFinite(Double.parseDouble(Float.toString(source.getFloat(column))), column, target);
    }
    if (type instanceof DoubleType) {
      return (source, column, target) -> writeFinite(source.getDouble(column), column, target);
    }
    if (type instanceof DecimalType) {
      return (source, column, target) ->
          target.createCell(column).setCellValue(source.getDecimal(column).doubleValue());
    }
    if (type instanceof BooleanType) {
      return (source, column, target) -> target.createCell(column).setCellValue(source.getBoolean(column));
    }
    if (type instanceof StringType) {
      return (source, column, target) -> TextCells.write(target, column, source.getString(column), styles);
    }
    if (type instanceof TimestampType) {
      return (source, column, target) -> writeInstant(source.get(column), column, target, styles);
    }
    if (type instanceof TimestampNTZType) {
      return (source, column, target) -> {
        LocalDateTime time = (LocalDateTime) source.get(column);
        writeSerial(time.toLocalDate().toEpochDay(), time.toLocalTime().toNanoOfDay() / 1_000, column, target,
            styles.timestamp, time);
      };
    }
    if (type instanceof DateType) {
      return (source, column, target) -> {
        Object value = source.get(column);
        LocalDate day = value instanceof LocalDate local ? local : ((java.sql.Date) value).toLocalDate();
        writeSerial(day.toEpochDay(), 0, column, target, styles.date, day);
      };
    }
    throw new IllegalArgumentException("column " + field.name() + " has type " + type.simpleString()
        + ", which has no spreadsheet cell type; cast it to string before exporting");
  }

  private static void writeLong(Row source, int column, org.apache.poi.ss.usermodel.Row target) {
    long value = source.getLong(column);
    Cell cell = target.createCell(column);
    if (value >= -MAX_EXACT_LONG && value <= MAX_EXACT_LONG) {
      cell.setCellValue(value);
    } else {
      cell.setCellValue(Long.toString(value));
    }
  }

  private static void writeFinite(double value, int column, org.apache.poi.ss.usermodel.Row target) {
    if (Double.isFinite(value)) {
      target.createCell(column).setCellValue(value);
    }
  }

  /** Spark hands timestamps over as java.sql.Timestamp, or as Instant when its Java 8 time API is on. */
  private static void writeInstant(Object value, int column, org.apache.poi.ss.usermodel.Row target,
      CellStyles styles) {
    long epochSecond;
    long nanoOfSecond;
    if (value instanceof Instant instant) {
      epochSecond = instant.getEpochSecond();
      nanoOfSecond = instant.getNano();
    } else {
      Timestamp timestamp = (Timestamp) value;
      epochSecond = Math.floorDiv(timestamp.getTime(), 1_000);
      nanoOfSecond = timestamp.getNanos();
    }
    long epochDay = Math.floorDiv(epochSecond, 86_400L);
    long microsOfDay = Math.floorMod(epochSecond, 86_400L) * 1_000_000L + nanoOfSecond / 1_000;
    writeSerial(epochDay, microsOfDay, column, target, styles.timestamp, value);
  }

  /** A date cell, or the value's ISO-8601 text when Excel cannot show its day. */
  private static void writeSerial(long epochDay, long microsOfDay, int column,
      org.apache.poi.ss.usermodel.Row target, org.apache.poi.ss.usermodel.CellStyle style, Object value) {
    Cell cell = target.createCell(column);
    if (ExcelSerialTime.representable(epochDay)) {
      cell.setCellValue(ExcelSerialTime.of(epochDay, microsOfDay));
      cell.setCellStyle(style);
    } else {
      cell.setCellValue(value instanceof Timestamp timestamp ? timestamp.toInstant().toString() : value.toString());
    }
  }
}
