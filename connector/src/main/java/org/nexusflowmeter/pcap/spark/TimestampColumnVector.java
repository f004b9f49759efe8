package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;

/**
 * A timestamp column of one batch ({@link ValueColumnVector}): every long is a time, so a null is a flag of its
 * own per row (a record without a timestamp, a pcapng simple packet block).
 */
final class TimestampColumnVector extends ValueColumnVector {
  private final long[] values;
  private final boolean[] nulls;

  TimestampColumnVector(int capacity, DataType type) {
    super(type);
    this.values = new long[capacity];
    this.nulls = new boolean[capacity];
  }

  /** Sets row's value, or null when isNull. */
  void put(int row, long value, boolean isNull) {
    values[row] = value;
    nulls[row] = isNull;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return nulls[rowId];
  }

  @Override
  public long getLong(int rowId) {
    return values[rowId];
  }
}
