package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowKey;

import static org.apache.spark.sql.functions.col;

/**
 * The rows that carry the segments' flows to the per-key fold: a hash of the grouping key (what Spark groups
 * and sorts the rows by), the grouping key (the file when files are kept
 * apart, else empty; the flow key's bytes), where the flow starts (time, file, place in the file), the segment
 * that built it and the flow's state. A row with a null state says the key was out of order in that segment.
 */
final class FlowPieces {
  static final String KEY_HASH = "key_hash";
  static final String KEY_FILE = "key_file";
  static final String KEY = "key";
  static final String FIRST_NANOS = "first_nanos";
  static final String FILE = "file";
  static final String FIRST_ORDER = "first_order";
  static final String SEGMENT = "segment";
  static final String STATE = "state";

  static final int KEY_HASH_INDEX = 0;
  static final int KEY_FILE_INDEX = 1;
  static final int KEY_INDEX = 2;
  static final int FIRST_NANOS_INDEX = 3;
  static final int FILE_INDEX = 4;
  static final int FIRST_ORDER_INDEX = 5;
  static final int SEGMENT_INDEX = 6;
  static final int STATE_INDEX = 7;

  static final StructType SCHEMA = new StructType()
      .add(KEY_HASH, DataTypes.LongType, false)
      .add(KEY_FILE, DataTypes.StringType, false)
      .add(KEY, DataTypes.BinaryType, false)
      .add(FIRST_NANOS, DataTypes.LongType, false)
      .add(FILE, DataTypes.StringType, false)
      .add(FIRST_ORDER, DataTypes.LongType, false)
      .add(SEGMENT, DataTypes.LongType, false)
      .add(STATE, DataTypes.BinaryType, true);

  /** All of a key's pieces meet in one task... */
  static final Column[] GROUP = {col(KEY_HASH)};
  /**
   * ... next to each other: sorted by the hash alone, one long column, which Spark sorts by radix without
   * comparing rows. The few pieces of one hash are put in {@link #ORDER} by the fold itself.
   */
  static final Column[] HASH_ORDER = {col(KEY_HASH)};
  /**
   * Pieces of one hash: by key (the file when files are kept apart, then the flow key's bytes; the order Spark
   * sorts strings and binaries in), then in the order of their first packet.
   */
  static final Comparator<InternalRow> ORDER = Comparator
      .<InternalRow, UTF8String>comparing(piece -> piece.getUTF8String(KEY_FILE_INDEX))
      .thenComparing((one, other) -> Arrays.compareUnsigned(one.getBinary(KEY_INDEX), other.getBinary(KEY_INDEX)))
      .thenComparingLong(piece -> piece.getLong(FIRST_NANOS_INDEX))
      .thenComparing(piece -> piece.getUTF8String(FILE_INDEX))
      .thenComparingLong(piece -> piece.getLong(FIRST_ORDER_INDEX));

  /** The grouping key's hash: equal for equal keys, spread over the whole long. */
  static long keyHash(String keyFile, FlowKey key) {
    return (keyFile.hashCode() * 0x9E3779B97F4A7C15L) ^ ((long) key.hashCode() << 32 | (key.hashCode() & 0xFFFFFFFFL));
  }

  private FlowPieces() {}
}
