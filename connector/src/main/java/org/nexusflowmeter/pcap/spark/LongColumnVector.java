package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;

/** A long (or timestamp) column of one batch ({@link ValueColumnVector}): a value and a null flag per row. */
final class LongColumnVector extends ValueColumnVector {
  private final long[] values;
  private final boolean[] nulls;

  LongColumnVector(int capacity, DataType type) {
    super(type);
    this.values = new long[capacity];
    this.nulls = new boolean[capacity];
  }

  /** Sets row's value, or null when isNull; no branch, as whether a packet has a field varies at random. */
  void put(int row, long value, boolean isNull) {
    values[row] = value;
    nulls[row] = isNull;
    nullCount += isNull ? 1 : 0;
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
