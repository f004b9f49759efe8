package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;

/**
 * An int column of one batch ({@link ValueColumnVector}) whose null is -1, the value of an absent field of a
 * decoded packet: every other value the scan puts here is at least 0 (header fields, record offsets and
 * lengths, interface ids, link types).
 */
final class IntColumnVector extends ValueColumnVector {
  static final int NULL = -1;

  private final int[] values;

  IntColumnVector(int capacity, DataType type) {
    super(type);
    this.values = new int[capacity];
  }

  /** Sets row's value; {@link #NULL} makes it null. */
  void put(int row, int value) {
    values[row] = value;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return values[rowId] == NULL;
  }

  @Override
  public int getInt(int rowId) {
    return values[rowId];
  }
}
