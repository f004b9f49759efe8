package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One flow row as a line of CSV or one JSON object, appended as UTF-8 to a {@link TextBuffer}. Times are ISO-8601
 * UTC with microseconds ({@code 2026-11-26T23:15:04.123456Z}), numbers as Java prints them, null as an empty
 * CSV cell or JSON {@code null}, text in CSV quoted only when it holds a comma, a quote, a line break or edge
 * spaces, with quotes doubled (RFC 4180, as pandas and spreadsheets read it).
 *
 * <p>Why not Spark's CSV writer: Spark 4.2's writer turns every number into text through a generic getter that
 * resolves the column's physical type (and reads the session configuration) for each value, ~8 microseconds a
 * flow row, most of the command's output time.
 */
final class FlowTextFormat implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private enum Kind { STRING, INT, LONG, DOUBLE, BOOLEAN, TIMESTAMP }

  private final boolean json;
  private final Kind[] kinds;
  /** JSON: {@code {"name":} for the first column, {@code ,"name":} for the others. */
  private final byte[][] jsonNames;
  private final byte[] csvHeader;

  /** The cached date text of {@link #day}: a capture's flows fall on few days. */
  private transient long day = Long.MIN_VALUE;
  private transient byte[] dayText;

  FlowTextFormat(StructType schema, boolean json) {
    this.json = json;
    StructField[] fields = schema.fields();
    kinds = new Kind[fields.length];
    jsonNames = new byte[fields.length][];
    StringBuilder header = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      kinds[i] = kindOf(fields[i]);
      TextBuffer name = new TextBuffer(fields[i].name().length() + 4);
      name.append(i == 0 ? '{' : ',');
      appendJsonString(name, UTF8String.fromString(fields[i].name()));
      name.append(':');
      jsonNames[i] = name.toByteArray();
      header.append(i == 0 ? "" : ",").append(csvCell(fields[i].name()));
    }
    csvHeader = (header + "\n").getBytes(StandardCharsets.UTF_8);
  }

  boolean isJson() {
    return json;
  }

  /** The CSV header line with its line break; nothing for JSON. */
  byte[] header() {
    return json ? new byte[0] : csvHeader.clone();
  }

  /** Appends {@code row} (of this format's schema) as one CSV line with its break, or one JSON object. */
  void append(InternalRow row, TextBuffer out) {
    for (int i = 0; i < kinds.length; i++) {
      if (json) {
        out.append(jsonNames[i]);
      } else if (i > 0) {
        out.append(',');
      }
      if (row.isNullAt(i)) {
        if (json) {
          out.append(NULL);
        }
        continue;
      }
      switch (kinds[i]) {
        case STRING:
          if (json) {
            appendJsonString(out, row.getUTF8String(i));
          } else {
            appendCsvString(out, row.getUTF8String(i));
          }
          break;
        case INT:
          out.appendLong(row.getInt(i));
          break;
        case LONG:
          out.appendLong(row.getLong(i));
          break;
        case DOUBLE:
          appendDouble(out, row.getDouble(i));
          break;
        case BOOLEAN:
          out.appendAscii(row.getBoolean(i) ? "true" : "false");
          break;
        case TIMESTAMP:
          if (json) {
            out.append('"');
          }
          appendTimestamp(out, row.getLong(i));
          if (json) {
            out.append('"');
          }
          break;
        default:
          throw new IllegalStateException("unknown kind " + kinds[i]);
      }
    }
    out.append(json ? '}' : '\n');
  }

  private static Kind kindOf(StructField field) {
    DataType type = field.dataType();
    if (type.equals(DataTypes.StringType)) {
      return Kind.STRING;
    }
    if (type.equals(DataTypes.IntegerType)) {
      return Kind.INT;
    }
    if (type.equals(DataTypes.LongType)) {
      return Kind.LONG;
    }
    if (type.equals(DataTypes.DoubleType)) {
      return Kind.DOUBLE;
    }
    if (type.equals(DataTypes.BooleanType)) {
      return Kind.BOOLEAN;
    }
    if (type.equals(DataTypes.TimestampType)) {
      return Kind.TIMESTAMP;
    }
    throw new IllegalArgumentException("column " + field.name() + ": no text form for " + type.simpleString());
  }

  /** Java's text of a double; JSON has no NaN or infinities, so there they are strings, as Jackson writes them. */
  private void appendDouble(TextBuffer out, double value) {
    boolean quoted = json && !Double.isFinite(value);
    if (quoted) {
      out.append('"');
    }
    DoubleText.append(out, value);
    if (quoted) {
      out.append('"');
    }
  }

  /** {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} of epoch microseconds, UTC. */
  private void appendTimestamp(TextBuffer out, long micros) {
    long epochDay = Math.floorDiv(micros, MICROS_PER_DAY);
    long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
    if (epochDay != day || dayText == null) {
      day = epochDay;
      dayText = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
    }
    out.append(dayText);
    out.append('T');
    long seconds = ofDay / 1_000_000L;
    out.appendDigits(seconds / 3600, 2);
    out.append(':');
    out.appendDigits(seconds / 60 % 60, 2);
    out.append(':');
    out.appendDigits(seconds % 60, 2);
    out.append('.');
    out.appendDigits(ofDay % 1_000_000L, 6);
    out.append('Z');
  }

  private static void appendCsvString(TextBuffer out, UTF8String value) {
    int n = value.numBytes();
    boolean quote = n > 0 && (value.getByte(0) == ' ' || value.getByte(n - 1) == ' ');
    for (int i = 0; i < n && !quote; i++) {
      byte b = value.getByte(i);
      quote = b == ',' || b == '"' || b == '\n' || b == '\r';
    }
    if (n == 0) {
      // "" keeps an empty text apart from a null (an empty cell)
      out.append('"');
      out.append('"');
      return;
    }
    if (!quote) {
      out.append(value);
      return;
    }
    out.append('"');
    for (int i = 0; i < n; i++) {
      byte b = value.getByte(i);
      if (b == '"') {
        out.append('"');
      }
      out.append(b);
    }
    out.append('"');
  }

  private static String csvCell(String text) {
    TextBuffer cell = new TextBuffer(text.length() + 2);
    appendCsvString(cell, UTF8String.fromString(text));
    return new String(cell.toByteArray(), StandardCharsets.UTF_8);
  }

  /** A JSON string: quotes, backslashes and control characters escaped; other bytes (UTF-8) as they are. */
  private static void appendJsonString(TextBuffer out, UTF8String value) {
    out.append('"');
    int n = value.numBytes();
    for (int i = 0; i < n; i++) {
      byte b = value.getByte(i);
      if (b == '"' || b == '\\') {
        out.append('\\');
        out.append(b);
      } else if (b >= 0 && b < 0x20) {
        appendControl(out, b);
      } else {
        out.append(b);
      }
    }
    out.append('"');
  }

  private static void appendControl(TextBuffer out, byte b) {
    out.append('\\');
    switch (b) {
      case '\n':
        out.append('n');
        break;
      case '\r':
        out.append('r');
        break;
      case '\t':
        out.append('t');
        break;
      case '\b':
        out.append('b');
        break;
      case '\f':
        out.append('f');
        break;
      default:
        out.appendAscii("u00");
        out.append(HEX[b >> 4]);
        out.append(HEX[b & 0xf]);
    }
  }
}
