package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A row's place in a {@link FlowSortOrder} as bytes that compare (unsigned, lexicographically) as the rows sort
 * in Spark: per column a null marker byte (first ascending, last descending), then integers big-endian with the
 * sign bit flipped (all bits flipped when descending) and text as its UTF-8 bytes with 0x00 escaped as
 * 0x00 0xFF and ended by 0x00 0x00, so that a prefix sorts first. Descending text is not needed by any flow
 * order and is refused.
 */
final class FlowSortKey implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] ordinals;
  private final boolean[] descending;
  private final boolean[] text;
  private final boolean[] wide;

  FlowSortKey(StructType schema, FlowSortOrder order) {
    int n = order.names.size();
    ordinals = new int[n];
    descending = new boolean[n];
    text = new boolean[n];
    wide = new boolean[n];
    for (int i = 0; i < n; i++) {
      ordinals[i] = schema.fieldIndex(order.names.get(i));
      descending[i] = order.descending.get(i);
      DataType type = schema.fields()[ordinals[i]].dataType();
      text[i] = type.equals(DataTypes.StringType);
      wide[i] = type.equals(DataTypes.LongType) || type.equals(DataTypes.TimestampType);
      if (!text[i] && !wide[i] && !type.equals(DataTypes.IntegerType)) {
        throw new IllegalArgumentException("no sort key for " + order.names.get(i) + " of " + type.simpleString());
      }
      if (text[i] && descending[i]) {
        throw new IllegalArgumentException("no descending sort key for text column " + order.names.get(i));
      }
    }
  }

  /** Appends the key of {@code row} to {@code out}. */
  void append(InternalRow row, TextBuffer out) {
    for (int i = 0; i < ordinals.length; i++) {
      int ordinal = ordinals[i];
      if (row.isNullAt(ordinal)) {
        out.append(descending[i] ? 2 : 0);
        continue;
      }
      out.append(1);
      if (text[i]) {
        appendText(row.getUTF8String(ordinal), out);
      } else {
        long value = wide[i] ? row.getLong(ordinal) : row.getInt(ordinal);
        long ordered = value ^ Long.MIN_VALUE;
        if (descending[i]) {
          ordered = ~ordered;
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
          out.append((int) (ordered >>> shift));
        }
      }
    }
  }

  private static void appendText(UTF8String value, TextBuffer out) {
    int n = value.numBytes();
    for (int i = 0; i < n; i++) {
      byte b = value.getByte(i);
      out.append(b);
      if (b == 0) {
        out.append(0xFF);
      }
    }
    out.append(0);
    out.append(0);
  }
}
