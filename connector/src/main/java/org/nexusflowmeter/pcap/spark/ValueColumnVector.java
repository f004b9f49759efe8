package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A column of one batch that the batch writer sets row by row, every row of every batch, and Spark reads: the
 * scan's int, long, timestamp and address text columns. Cheaper to write and to read than Spark's
 * {@code OnHeapColumnVector}: a row's value says whether it is null where it can (-1 for an absent field or
 * text), so most puts are one store, no batch needs a reset, and {@code isNullAt} is one
 * load (Spark's asks on every call whether the whole column is of the null type). Spark reads a column
 * through the getter of its type only; the getters of other types throw.
 */
abstract class ValueColumnVector extends ColumnVector {
  /** The rows of the current batch, for the null count that nothing on the hot path asks for. */
  private int rowCount;

  ValueColumnVector(DataType type) {
    super(type);
  }

  /** The batch holds rows [0, rowCount). */
  final void setRowCount(int rowCount) {
    this.rowCount = rowCount;
  }

  @Override
  public final boolean hasNull() {
    return numNulls() > 0;
  }

  @Override
  public final int numNulls() {
    int nulls = 0;
    for (int row = 0; row < rowCount; row++) {
      nulls += isNullAt(row) ? 1 : 0;
    }
    return nulls;
  }

  @Override
  public final void close() {
    // on-heap arrays only: nothing to free
  }

  @Override
  public boolean getBoolean(int rowId) {
    throw notOfType("boolean");
  }

  @Override
  public byte getByte(int rowId) {
    throw notOfType("byte");
  }

  @Override
  public short getShort(int rowId) {
    throw notOfType("short");
  }

  @Override
  public int getInt(int rowId) {
    throw notOfType("int");
  }

  @Override
  public long getLong(int rowId) {
    throw notOfType("long");
  }

  @Override
  public float getFloat(int rowId) {
    throw notOfType("float");
  }

  @Override
  public double getDouble(int rowId) {
    throw notOfType("double");
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw notOfType("array");
  }

  @Override
  public ColumnarMap getMap(int ordinal) {
    throw notOfType("map");
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw notOfType("decimal");
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    throw notOfType("string");
  }

  @Override
  public byte[] getBinary(int rowId) {
    throw notOfType("binary");
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw notOfType("struct");
  }

  private UnsupportedOperationException notOfType(String asked) {
    return new UnsupportedOperationException("a " + type.simpleString() + " column has no " + asked + " values");
  }
}
