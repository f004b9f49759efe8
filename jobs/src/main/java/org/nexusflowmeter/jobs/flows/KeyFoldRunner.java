package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.KeyFlowFold;

/**
 * Runs {@link KeyFlowFold} over each key's {@link FlowPieces} rows (a partition sorted by key, then first packet)
 * and numbers the key's whole flows. A key that a segment found out of order, or that the fold cannot decide,
 * comes out as one marker row naming it ({@link #UNDECIDED_FILE}, {@link #UNDECIDED_KEY}) and no flows: the job
 * rebuilds such keys from their packets.
 */
final class KeyFoldRunner implements FlatMapFunction<Iterator<Row>, Row> {
  private static final long serialVersionUID = 1L;
  static final String UNDECIDED_FILE = "undecided_file";
  static final String UNDECIDED_KEY = "undecided_key";

  private final long idleNanos;
  private final long activeNanos;
  private final boolean filesKeptApart;

  KeyFoldRunner(FlowTimeouts timeouts, boolean filesKeptApart) {
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.filesKeptApart = filesKeptApart;
  }

  /**
   * Flow rows of the engine schema, then the two marker columns (null on flow rows); every column nullable, as a
   * marker row has nulls where a flow has values.
   */
  static StructType schema(boolean filesKeptApart) {
    StructType schema = new StructType();
    for (StructField field : FlowColumns.engineSchema(filesKeptApart).fields()) {
      schema = schema.add(field.name(), field.dataType(), true);
    }
    return schema.add(UNDECIDED_FILE, DataTypes.StringType, true).add(UNDECIDED_KEY, DataTypes.BinaryType, true);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> pieces) {
    return new Folded(pieces, new FlowTimeouts(idleNanos, activeNanos));
  }

  private final class Folded extends FillingIterator<Row> {
    private final Iterator<Row> pieces;
    private final FlowTimeouts timeouts;
    private Row pending;

    Folded(Iterator<Row> pieces, FlowTimeouts timeouts) {
      this.pieces = pieces;
      this.timeouts = timeouts;
    }

    /** Folds the next key's pieces. */
    @Override
    protected boolean fill() {
      if (pending == null && !pieces.hasNext()) {
        return false;
      }
      Row first = pending != null ? pending : pieces.next();
      pending = null;
      String keyFile = first.getString(FlowPieces.KEY_FILE_INDEX);
      byte[] keyBytes = (byte[]) first.get(FlowPieces.KEY_INDEX);
      FlowKey key = FlowKey.fromBytes(keyBytes);
      KeyFlowFold fold = new KeyFlowFold(timeouts);
      boolean outOfOrder = false;
      for (Row piece = first; piece != null; piece = nextOfKey(keyFile, keyBytes)) {
        if (piece.isNullAt(FlowPieces.STATE_INDEX)) {
          outOfOrder = true;
        } else if (!outOfOrder) {
          fold.add(piece.getLong(FlowPieces.SEGMENT_INDEX), piece.getString(FlowPieces.FILE_INDEX),
              FlowPart.fromBytes(key, (byte[]) piece.get(FlowPieces.STATE_INDEX)));
        }
      }
      List<FlowPart> flows = outOfOrder ? null : fold.result();
      if (flows == null) {
        emit(undecided(keyFile, keyBytes));
        return true;
      }
      String sourceFile = filesKeptApart ? FlowColumns.fileName(keyFile) : null;
      for (int i = 0; i < flows.size(); i++) {
        emit(FlowColumns.toRow(flows.get(i).toRecord(i + 1, sourceFile), filesKeptApart, 2));
      }
      return true;
    }

    /** The next piece if it is of the same key, else null (and it waits as the next key's first). */
    private Row nextOfKey(String keyFile, byte[] keyBytes) {
      if (!pieces.hasNext()) {
        return null;
      }
      Row piece = pieces.next();
      if (piece.getString(FlowPieces.KEY_FILE_INDEX).equals(keyFile)
          && Arrays.equals((byte[]) piece.get(FlowPieces.KEY_INDEX), keyBytes)) {
        return piece;
      }
      pending = piece;
      return null;
    }

    private Row undecided(String keyFile, byte[] keyBytes) {
      Object[] values = new Object[FlowColumns.engineSchema(filesKeptApart).size() + 2];
      values[values.length - 2] = keyFile;
      values[values.length - 1] = keyBytes;
      return RowFactory.create(values);
    }
  }
}
