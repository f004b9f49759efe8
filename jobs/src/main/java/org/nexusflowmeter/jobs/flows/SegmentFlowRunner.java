package org.nexusflowmeter.jobs.flows;

import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowPartEncoder;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.PacketView;
import org.nexusflowmeter.flow.SegmentFlowSpares;
import org.nexusflowmeter.flow.SegmentFlowTable;

/**
 * Builds the flows of one task's packets, one {@link SegmentFlowTable} per file the task reads (a segment), and
 * hands each flow on as a {@link FlowPieces} row (Spark's own row format); it counts every record by file on the way
 * ({@link PacketCounts}). Rows are made lazily as flows complete, so the task holds its live flows only. Segment
 * ids are unique across tasks: the partition index in the high half.
 *
 * <p>A thread's tables hand their spare flow objects on from task to task ({@link SegmentFlowSpares}), at most
 * {@link #SPARES_KEPT} of each kind between tasks, for as long as the thread lives and until a full collection:
 * between tasks the thread holds them weakly, so that once the segment stage is over they go with the next full
 * collection instead of staying in the old generation through the later stages.
 */
final class SegmentFlowRunner implements Function2<Integer, Iterator<InternalRow>, Iterator<InternalRow>> {
  private static final long serialVersionUID = 1L;
  /** Spares a thread keeps between tasks: more than a segment of the benchmark's captures has live (~94,000). */
  static final int SPARES_KEPT = 1 << 17;
  /** Flows a fill completes at a segment's end. */
  static final int FINISH_STEP = 256;
  private static final ThreadLocal<WeakReference<SegmentFlowSpares>> SPARES = new ThreadLocal<>();

  private final long idleNanos;
  private final long activeNanos;
  private final long slackNanos;
  private final boolean filesKeptApart;
  private final PacketCountsAccumulator counts;

  SegmentFlowRunner(FlowTimeouts timeouts, long slackNanos, boolean filesKeptApart,
      PacketCountsAccumulator counts) {
    this.counts = counts;
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.slackNanos = slackNanos;
    this.filesKeptApart = filesKeptApart;
  }

  @Override
  public Iterator<InternalRow> call(Integer partition, Iterator<InternalRow> packets) {
    return new Pieces(packets, partition);
  }

  /** This thread's spares for tables of {@code timeouts}: those of its earlier tasks when they fit. */
  static SegmentFlowSpares sparesOfThread(FlowTimeouts timeouts) {
    WeakReference<SegmentFlowSpares> kept = SPARES.get();
    SegmentFlowSpares spares = kept == null ? null : kept.get();
    if (spares == null || !spares.fits(timeouts)) {
      spares = new SegmentFlowSpares(timeouts);
      SPARES.set(new WeakReference<>(spares));
    }
    return spares;
  }

  private final class Pieces extends FillingIterator<InternalRow> implements SegmentFlowTable.Output {
    private final Iterator<InternalRow> packets;
    private final SegmentFlowTable table;
    private final SegmentFlowSpares spares;
    private final PacketFields fields = new PacketFields();
    private final PacketView packet = new PacketView();
    private final FillRows pieces = new FillRows(FlowPieces.SCHEMA.size(), 256);
    private final FlowPartEncoder states = new FlowPartEncoder();
    private final byte[] keyBytes = new byte[FlowKey.MAX_BYTES];
    private final int partition;
    private final Map<String, PacketCounts> countsByFile = new HashMap<>();
    private PacketCounts fileCounts;
    private long segment;
    private UTF8String pathSeen;
    private UTF8String fileValue;
    private String file;
    private String keyFile;
    private UTF8String keyFileText;
    private UTF8String fileText;
    /** The segment's live flows are being completed, a few a fill. */
    private boolean finishing;
    /** The first packet of the next file, taken once the segment before it is finished; or null. */
    private InternalRow waiting;

    Pieces(Iterator<InternalRow> packets, int partition) {
      this.packets = packets;
      this.partition = partition;
      this.segment = ((long) partition << 32) - 1;
      FlowTimeouts timeouts = new FlowTimeouts(idleNanos, activeNanos);
      this.spares = sparesOfThread(timeouts);
      this.table = new SegmentFlowTable(timeouts, slackNanos, this, spares);
    }

    @Override
    protected boolean fill() {
      pieces.reuse();
      if (finishing) {
        return finishSome();
      }
      if (!packets.hasNext()) {
        finishing = true;
        return true;
      }
      InternalRow row = packets.next();
      UTF8String path = row.getUTF8String(PacketFields.FILE_PATH);
      // the rows of a split or batch share one path object: its text is compared only when the object changes
      if (path != pathSeen && !path.equals(fileValue)) {
        if (fileValue != null) {
          // a new file: its packets are a segment of their own, after the last segment's flows
          waiting = row;
          finishing = true;
          return true;
        }
        startSegment(path);
      }
      take(row, path);
      return true;
    }

    /**
     * Completes some of the segment's live flows; once none is left, ends the task or starts the next file's
     * segment with its first packet. A fill hands on at most {@link #FINISH_STEP} of them, so that the rows of a
     * segment's end (most of its flows, when the capture is shorter than the idle timeout) are not all held at
     * once.
     */
    private boolean finishSome() {
      if (!table.finishOldest(FINISH_STEP)) {
        return true;
      }
      table.finish();
      finishing = false;
      if (waiting == null) {
        spares.trimTo(SPARES_KEPT);
        counts.add(new PacketCountsAccumulator.TaskCounts(partition, countsByFile));
        return false;
      }
      InternalRow row = waiting;
      waiting = null;
      UTF8String path = row.getUTF8String(PacketFields.FILE_PATH);
      startSegment(path);
      take(row, path);
      return true;
    }

    private void startSegment(UTF8String path) {
      fileValue = path.clone();
      file = path.toString();
      keyFile = filesKeptApart ? file : "";
      keyFileText = UTF8String.fromString(keyFile);
      fileText = UTF8String.fromString(file);
      segment++;
      fileCounts = countsByFile.computeIfAbsent(file, PacketCounts::new);
    }

    private void take(InternalRow row, UTF8String path) {
      pathSeen = path;
      int category = fields.read(row, packet);
      fileCounts.count(category,
          row.isNullAt(PacketFields.ORIGINAL_LENGTH) ? 0 : row.getLong(PacketFields.ORIGINAL_LENGTH));
      if (category == PacketFields.FLOW) {
        table.add(packet);
      } else if (category == PacketFields.MALFORMED) {
        fileCounts.error(row.getLong(PacketFields.FILE_OFFSET),
            row.getUTF8String(PacketFields.PARSE_ERROR).toString());
      }
    }

    @Override
    public void flow(FlowPart flow) {
      states.encode(flow);
      emit(piece(flow.key(), flow.firstNanos(), flow.firstOrder(), states.buffer(), states.length()));
    }

    @Override
    public void outOfOrder(FlowKey key) {
      emit(piece(key, Long.MIN_VALUE, 0L, null, 0));
    }

    /**
     * A {@link FlowPieces} row, valid until the next fill ({@link FillRows}); a null state marks the key as out of
     * order in this segment.
     */
    private InternalRow piece(FlowKey key, long firstNanos, long firstOrder, byte[] state, int stateLength) {
      UnsafeRowWriter piece = pieces.next();
      piece.write(0, FlowPieces.keyHash(keyFile, key));
      piece.write(FlowPieces.KEY_FILE_INDEX, keyFileText);
      piece.write(FlowPieces.KEY_INDEX, keyBytes, 0, key.writeBytes(keyBytes));
      piece.write(3, firstNanos);
      piece.write(FlowPieces.FILE_INDEX, fileText);
      piece.write(5, firstOrder);
      piece.write(FlowPieces.SEGMENT_INDEX, segment);
      if (state == null) {
        piece.setNullAt(FlowPieces.STATE_INDEX);
      } else {
        piece.write(FlowPieces.STATE_INDEX, state, 0, stateLength);
      }
      return piece.getRow();
    }
  }
}
