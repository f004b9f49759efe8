package org.nexusflowmeter.jobs.flows;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.PacketView;
import org.nexusflowmeter.flow.SegmentFlowTable;

/**
 * Builds the flows of one task's packets, one {@link SegmentFlowTable} per file the task reads (a segment), and
 * hands each flow on as a {@link FlowPieces} row. Rows are made lazily as flows complete, so the task holds its
 * live flows only. Segment ids are unique across tasks: the partition index in the high half.
 */
final class SegmentFlowRunner implements Function2<Integer, Iterator<InternalRow>, Iterator<Row>> {
  private static final long serialVersionUID = 1L;

  private final long idleNanos;
  private final long activeNanos;
  private final long slackNanos;
  private final boolean filesKeptApart;

  SegmentFlowRunner(FlowTimeouts timeouts, long slackNanos, boolean filesKeptApart) {
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.slackNanos = slackNanos;
    this.filesKeptApart = filesKeptApart;
  }

  @Override
  public Iterator<Row> call(Integer partition, Iterator<InternalRow> packets) {
    return new Pieces(packets, (long) partition << 32);
  }

  private final class Pieces implements Iterator<Row>, SegmentFlowTable.Output {
    private final Iterator<InternalRow> packets;
    private final SegmentFlowTable table;
    private final PacketFields fields = new PacketFields();
    private final PacketView packet = new PacketView();
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private long segment;
    private UTF8String fileValue;
    private String file;
    private String keyFile;
    private boolean finished;

    Pieces(Iterator<InternalRow> packets, long firstSegment) {
      this.packets = packets;
      this.segment = firstSegment - 1;
      this.table = new SegmentFlowTable(new FlowTimeouts(idleNanos, activeNanos), slackNanos, this);
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && !finished) {
        if (!packets.hasNext()) {
          table.finish();
          finished = true;
          break;
        }
        InternalRow row = packets.next();
        UTF8String path = row.getUTF8String(PacketFields.FILE_PATH);
        if (!path.equals(fileValue)) {
          // a new file: its packets are a segment of their own
          table.finish();
          fileValue = path.clone();
          file = path.toString();
          keyFile = filesKeptApart ? file : "";
          segment++;
        }
        if (fields.read(row, packet)) {
          table.add(packet);
        }
      }
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }

    @Override
    public void flow(FlowPart flow) {
      ready.add(RowFactory.create(FlowPieces.keyHash(keyFile, flow.key()), keyFile, flow.key().toBytes(),
          flow.firstNanos(), file, flow.firstOrder(), segment, flow.toBytes()));
    }

    @Override
    public void outOfOrder(FlowKey key) {
      ready.add(RowFactory.create(FlowPieces.keyHash(keyFile, key), keyFile, key.toBytes(), Long.MIN_VALUE, file,
          0L, segment, null));
    }
  }
}
