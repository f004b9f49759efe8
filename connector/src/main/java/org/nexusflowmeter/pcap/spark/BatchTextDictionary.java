package org.nexusflowmeter.pcap.spark;

import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.sql.execution.vectorized.Dictionary;

/**
 * The texts that the dictionary-encoded columns of one batch refer to by id, as Spark's column vectors read
 * them ({@link #decodeToBinary}). Ids count from 0 in each batch; the arrays are shared, never changed.
 */
final class BatchTextDictionary implements Dictionary {
  private static final int INITIAL_ENTRIES = 1024;

  private byte[][] texts = new byte[INITIAL_ENTRIES][];
  private int size;

  /** The id of text in this batch: a new one each call, so the caller looks up the ids it gave before. */
  int add(byte[] text) {
    if (size == texts.length) {
      texts = Arrays.copyOf(texts, size * 2);
    }
    texts[size] = text;
    return size++;
  }

  /** Forgets the ids of the batch before (its rows are no longer read). */
  void clear() {
    size = 0;
  }

  @Override
  public byte[] decodeToBinary(int id) {
    return texts[Objects.checkIndex(id, size)];
  }

  @Override
  public int decodeToInt(int id) {
    throw new UnsupportedOperationException("a text dictionary holds no ints");
  }

  @Override
  public long decodeToLong(int id) {
    throw new UnsupportedOperationException("a text dictionary holds no longs");
  }

  @Override
  public float decodeToFloat(int id) {
    throw new UnsupportedOperationException("a text dictionary holds no floats");
  }

  @Override
  public double decodeToDouble(int id) {
    throw new UnsupportedOperationException("a text dictionary holds no doubles");
  }
}
