package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A column of one batch that the batch writer sets row by row, every row of every batch, and Spark reads: the
 * scan's int, long and address text columns. Lighter to read than Spark's {@code OnHeapColumnVector}, whose
 * {@code isNullAt} asks on every call whether the whole column is of the null type: here a row's null flag is
 * all there is, written with its value, so a batch needs no reset beyond its null count. Spark reads a column
 * through the getter of its type only; the getters of other types throw.
 */
abstract class ValueColumnVector extends ColumnVector {
  /** The rows of the current batch written null. */
  int nullCount;

  ValueColumnVector(DataType type) {
    super(type);
  }

  /** Forgets the batch before: its rows are no longer read. */
  final void startBatch() {
    nullCount = 0;
  }

  @Override
  public final boolean hasNull() {
    return nullCount > 0;
  }

  @Override
  public final int numNulls() {
    return nullCount;
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
