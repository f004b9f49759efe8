package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string column of one batch ({@link ValueColumnVector}) whose rows refer to UTF-8 arrays shared with other
 * rows and batches, never changed once made (the address texts of {@link AddressTextCache}): a row stores a
 * reference, not a copy, and null is no array.
 */
final class TextColumnVector extends ValueColumnVector {
  private final byte[][] texts;

  TextColumnVector(int capacity, DataType type) {
    super(type);
    this.texts = new byte[capacity][];
  }

  /** Sets row's text; null for none. */
  void put(int row, byte[] text) {
    texts[row] = text;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return texts[rowId] == null;
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    byte[] text = texts[rowId];
    return text == null ? null : UTF8String.fromBytes(text);
  }
}
