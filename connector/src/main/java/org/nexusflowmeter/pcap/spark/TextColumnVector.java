package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string column of one batch ({@link ValueColumnVector}) whose rows are references to texts in an
 * {@link AddressTextCache}'s arena: an int per row, -1 for null.
 */
final class TextColumnVector extends ValueColumnVector {
  static final int NULL = -1;

  private final int[] references;
  private final byte[] arena;

  TextColumnVector(int capacity, DataType type, byte[] arena) {
    super(type);
    this.references = new int[capacity];
    this.arena = arena;
  }

  /** Sets row's text; {@link #NULL} for none. */
  void put(int row, int reference) {
    references[row] = reference;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return references[rowId] == NULL;
  }

  /** A view of the arena's bytes, which stay as they are until a later batch starts the arena over. */
  @Override
  public UTF8String getUTF8String(int rowId) {
    int reference = references[rowId];
    if (reference == NULL) {
      return null;
    }
    return UTF8String.fromAddress(arena, Platform.BYTE_ARRAY_OFFSET + AddressTextCache.offset(reference),
        AddressTextCache.length(reference));
  }
}
