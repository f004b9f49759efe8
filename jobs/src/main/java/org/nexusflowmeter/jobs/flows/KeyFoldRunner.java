package org.nexusflowmeter.jobs.flows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowRecord;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.KeyFlowFold;

/**
 * Runs {@link KeyFlowFold} over each key's {@link FlowPieces} rows (a partition sorted by key hash; the few
 * pieces of one hash put in key, then first-packet order here) and numbers the key's whole flows, as rows of the
 * engine schema. A key that a segment found out of order, or
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
    /** The pieces of one key hash (copies: the input reuses its rows), put in {@link FlowPieces#ORDER}. */
    private final List<PieceCopy> group = new ArrayList<>();
    /** Copies no longer in use, for the next pieces read: a task copies into a few rows, not one per piece. */
    private final List<PieceCopy> spares = new ArrayList<>();
    /** The first piece of the next hash, read ahead. */
    private PieceCopy pending;
    private UTF8String fileText;
    private String file;

    Folded(Iterator<InternalRow> pieces, FlowTimeouts timeouts, FlowTallyAccumulator.TaskTally taskTally) {
      this.pieces = pieces;
      this.timeouts = timeouts;
      this.taskTally = taskTally;
    }

    /** Folds the keys of the next key hash (mostly one). */
    @Override
    protected boolean fill() {
      rows.reuse();
      // the last hash's pieces are folded: their copies take the next pieces
      spares.addAll(group);
      group.clear();
      if (pending == null) {
        if (!pieces.hasNext()) {
          tally.add(taskTally);
          return false;
        }
        pending = copy(pieces.next());
      }
      long hash = pending.row.getLong(FlowPieces.KEY_HASH_INDEX);
      group.add(pending);
      pending = null;
      while (pieces.hasNext()) {
        PieceCopy piece = copy(pieces.next());
        if (piece.row.getLong(FlowPieces.KEY_HASH_INDEX) != hash) {
          pending = piece;
          break;
        }
        group.add(piece);
      }
      if (group.size() > 1) {
        group.sort(PieceCopy.ORDER);
      }
      int from = 0;
      while (from < group.size()) {
        InternalRow first = group.get(from).row;
        UTF8String keyFile = first.getUTF8String(FlowPieces.KEY_FILE_INDEX);
        byte[] keyBytes = first.getBinary(FlowPieces.KEY_INDEX);
        int to = from + 1;
        while (to < group.size() && group.get(to).row.getUTF8String(FlowPieces.KEY_FILE_INDEX).equals(keyFile)
            && Arrays.equals(group.get(to).row.getBinary(FlowPieces.KEY_INDEX), keyBytes)) {
          to++;
        }
        foldKey(keyFile.toString(), keyBytes, group.subList(from, to));
        from = to;
      }
      return true;
    }

    private PieceCopy copy(InternalRow piece) {
      PieceCopy copy = spares.isEmpty() ? new PieceCopy() : spares.remove(spares.size() - 1);
      copy.of((UnsafeRow) piece);
      return copy;
    }

    /** Folds one key's pieces (in start order) into its flows, or marks the key undecided. */
    private void foldKey(String keyFile, byte[] keyBytes, List<PieceCopy> keyPieces) {
      FlowKey key = FlowKey.fromBytes(keyBytes);
      KeyFlowFold fold = new KeyFlowFold(timeouts);
      for (PieceCopy copy : keyPieces) {
        InternalRow piece = copy.row;
        if (piece.isNullAt(FlowPieces.STATE_INDEX)) {
          taskTally.undecided(keyFile, keyBytes);
          return;
        }
        fold.add(piece.getLong(FlowPieces.SEGMENT_INDEX), file(piece),
            FlowPart.fromBytes(key, piece.getBinary(FlowPieces.STATE_INDEX)));
      }
      List<FlowPart> flows = fold.result();
      if (flows == null) {
        taskTally.undecided(keyFile, keyBytes);
        return;
      }
      String sourceFile = filesKeptApart ? FlowColumns.fileName(keyFile) : null;
      for (int i = 0; i < flows.size(); i++) {
        FlowRecord flow = flows.get(i).toRecord(i + 1, sourceFile);
        taskTally.flow(flow.getProtocol(), flow.getConnectionState());
        emit(rows.flow(flow));
      }
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
  }

  /** A copy of a piece in an array of its own, grown as a larger piece needs it. */
  private static final class PieceCopy {
    static final Comparator<PieceCopy> ORDER = Comparator.comparing(copy -> copy.row, FlowPieces.ORDER);

    final UnsafeRow row = new UnsafeRow(FlowPieces.SCHEMA.size());
    private byte[] bytes = new byte[512];

    void of(UnsafeRow piece) {
      int size = piece.getSizeInBytes();
      if (size > bytes.length) {
        bytes = new byte[Math.max(size, bytes.length * 2)];
      }
      piece.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET);
      row.pointTo(bytes, size);
    }
  }
}
