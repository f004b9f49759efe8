package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowRecord;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.KeyFlowFold;

/**
 * Runs {@link KeyFlowFold} over each key's {@link FlowPieces} rows (a partition sorted by key, then first packet)
 * and numbers the key's whole flows, as rows of the engine schema. A key that a segment found out of order, or
 * that the fold cannot decide, gives no flows: it goes into the task's {@link FlowTallyAccumulator.TaskTally},
 * with the flows by protocol and state, and the job rebuilds it from its packets.
 */
final class KeyFoldRunner implements Function2<Integer, Iterator<InternalRow>, Iterator<InternalRow>> {
  private static final long serialVersionUID = 1L;

  private final long idleNanos;
  private final long activeNanos;
  private final boolean filesKeptApart;
  private final FlowTallyAccumulator tally;

  KeyFoldRunner(FlowTimeouts timeouts, boolean filesKeptApart, FlowTallyAccumulator tally) {
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.filesKeptApart = filesKeptApart;
    this.tally = tally;
  }

  @Override
  public Iterator<InternalRow> call(Integer partition, Iterator<InternalRow> pieces) {
    return new Folded(pieces, new FlowTimeouts(idleNanos, activeNanos), new FlowTallyAccumulator.TaskTally(partition));
  }

  private final class Folded extends FillingIterator<InternalRow> {
    private final Iterator<InternalRow> pieces;
    private final FlowTimeouts timeouts;
    private final FlowRowWriter rows = new FlowRowWriter(filesKeptApart);
    private final FlowTallyAccumulator.TaskTally taskTally;
    /** The first piece of the next key, read ahead (a copy: the input reuses its rows). */
    private InternalRow pending;
    private UTF8String fileText;
    private String file;

    Folded(Iterator<InternalRow> pieces, FlowTimeouts timeouts, FlowTallyAccumulator.TaskTally taskTally) {
      this.pieces = pieces;
      this.timeouts = timeouts;
      this.taskTally = taskTally;
    }

    /** Folds the next key's pieces. */
    @Override
    protected boolean fill() {
      if (pending == null && !pieces.hasNext()) {
        tally.add(taskTally);
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
          fold.add(piece.getLong(FlowPieces.SEGMENT_INDEX), file(piece),
              FlowPart.fromBytes(key, piece.getBinary(FlowPieces.STATE_INDEX)));
        }
      }
      List<FlowPart> flows = outOfOrder ? null : fold.result();
      if (flows == null) {
        taskTally.undecided(keyFile, keyBytes);
        return true;
      }
      String sourceFile = filesKeptApart ? FlowColumns.fileName(keyFile) : null;
      for (int i = 0; i < flows.size(); i++) {
        FlowRecord flow = flows.get(i).toRecord(i + 1, sourceFile);
        taskTally.flow(flow.getProtocol(), flow.getConnectionState());
        emit(rows.flow(flow));
      }
      return true;
    }

    /** The piece's file; pieces mostly come from one file, whose name is made once. */
    private String file(InternalRow piece) {
      UTF8String text = piece.getUTF8String(FlowPieces.FILE_INDEX);
      if (!text.equals(fileText)) {
        fileText = text.clone();
        file = text.toString();
      }
      return file;
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
