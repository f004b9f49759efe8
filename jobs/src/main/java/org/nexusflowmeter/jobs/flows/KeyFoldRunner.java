package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
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
final class KeyFoldRunner implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
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
  public Iterator<InternalRow> call(Iterator<InternalRow> pieces) {
    return new Folded(pieces, new FlowTimeouts(idleNanos, activeNanos));
  }

  private final class Folded extends FillingIterator<InternalRow> {
    private final Iterator<InternalRow> pieces;
    private final FlowTimeouts timeouts;
    private final FlowRowWriter rows = new FlowRowWriter(filesKeptApart, 2);
    /** The first piece of the next key, read ahead (a copy: the input reuses its rows). */
    private InternalRow pending;

    Folded(Iterator<InternalRow> pieces, FlowTimeouts timeouts) {
      this.pieces = pieces;
      this.timeouts = timeouts;
    }

    /** Folds the next key's pieces. */
    @Override
    protected boolean fill() {
      if (pending == null && !pieces.hasNext()) {
        return false;
      }
      InternalRow first = pending != null ? pending : pieces.next();
      pending = null;
      UTF8String keyFileText = first.getUTF8String(FlowPieces.KEY_FILE_INDEX).clone();
      String keyFile = keyFileText.toString();
      byte[] keyBytes = first.getBinary(FlowPieces.KEY_INDEX);
      FlowKey key = FlowKey.fromBytes(keyBytes);
      KeyFlowFold fold = new KeyFlowFold(timeouts);
      boolean outOfOrder = false;
      for (InternalRow piece = first; piece != null; piece = nextOfKey(keyFileText, keyBytes)) {
        if (piece.isNullAt(FlowPieces.STATE_INDEX)) {
          outOfOrder = true;
        } else if (!outOfOrder) {
          fold.add(piece.getLong(FlowPieces.SEGMENT_INDEX), piece.getUTF8String(FlowPieces.FILE_INDEX).toString(),
              FlowPart.fromBytes(key, piece.getBinary(FlowPieces.STATE_INDEX)));
        }
      }
      List<FlowPart> flows = outOfOrder ? null : fold.result();
      if (flows == null) {
        emit(rows.undecided(keyFile, keyBytes));
        return true;
      }
      String sourceFile = filesKeptApart ? FlowColumns.fileName(keyFile) : null;
      for (int i = 0; i < flows.size(); i++) {
        emit(rows.flow(flows.get(i).toRecord(i + 1, sourceFile)));
      }
      return true;
    }

    /** The next piece if it is of the same key, else null (and it waits as the next key's first). */
    private InternalRow nextOfKey(UTF8String keyFile, byte[] keyBytes) {
      if (!pieces.hasNext()) {
        return null;
      }
      InternalRow piece = pieces.next();
      if (piece.getUTF8String(FlowPieces.KEY_FILE_INDEX).equals(keyFile)
          && Arrays.equals(piece.getBinary(FlowPieces.KEY_INDEX), keyBytes)) {
        return piece;
      }
      pending = piece.copy();
      return null;
    }
  }
}
