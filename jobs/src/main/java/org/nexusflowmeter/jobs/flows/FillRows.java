package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;

/**
 * The row buffers of a {@link FillingIterator} that emits rows: the n-th row of a fill is written into the n-th
 * buffer, which the next fills reuse. A fill's rows have all been handed on when the iterator fills again, and
 * what takes them (Spark's projection before a shuffle, {@link RowBlock#pack}) copies each row as it comes, so a
 * row need not be a copy of its own: one had been about a sixth of what a run of the command allocated.
 */
final class FillRows {
  /** Buffers kept from fill to fill: a burst of rows (flows that a jump in time ended at once) leaves the rest. */
  private static final int KEPT = 1024;
  private final int fields;
  private final int initialBytes;
  private UnsafeRowWriter[] writers = new UnsafeRowWriter[4];
  private int used;

  FillRows(int fields, int initialBytes) {
    this.fields = fields;
    this.initialBytes = initialBytes;
  }

  /** Starts a fill: the rows of the earlier fills are handed on and their buffers may be written again. */
  void reuse() {
    if (writers.length > KEPT) {
      writers = Arrays.copyOf(writers, KEPT);
    }
    used = 0;
  }

  /** A writer for the fill's next row, reset, with no field null yet. */
  UnsafeRowWriter next() {
    if (used == writers.length) {
      writers = Arrays.copyOf(writers, used * 2);
    }
    UnsafeRowWriter writer = writers[used];
    if (writer == null) {
      writer = new UnsafeRowWriter(fields, initialBytes);
      writers[used] = writer;
    }
    used++;
    writer.reset();
    writer.zeroOutNullBytes();
    return writer;
  }
}
