package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;

/** An int column of one batch ({@link ValueColumnVector}): a value and a null flag per row. */
final class IntColumnVector extends ValueColumnVector {
  private final int[] values;
  private final boolean[] nulls;

  IntColumnVector(int capacity, DataType type) {
    super(type);
    this.values = new int[capacity];
    this.nulls = new boolean[capacity];
  }

  /** Sets row's value, or null when isNull; no branch, as whether a packet has a field varies at random. */
  void put(int row, int value, boolean isNull) {
    values[row] = value;
    nulls[row] = isNull;
    nullCount += isNull ? 1 : 0;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return nulls[rowId];
  }

  @Override
  public int getInt(int rowId) {
    return values[rowId];
  }
}
