package org.nexusflowmeter.jobs.flows;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.flow.FlowAccumulator;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.PacketView;

/**
 * Runs the flow engine over one partition of {@link FlowPackets#keyed} rows sorted by (key, timestamp, file
 * order): every packet of a key is in this partition and the key's packets are contiguous, so one
 * {@link FlowAccumulator} at a time sees all of them in time order and its flows are whole. Flow rows are
 * produced lazily as the accumulator completes them; only the live flow of the current key is held.
 */
final class FlowPartitionRunner implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final long idleNanos;
  private final long activeNanos;
  private final boolean filesKeptApart;

  FlowPartitionRunner(FlowTimeouts timeouts, boolean filesKeptApart) {
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.filesKeptApart = filesKeptApart;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> packets) {
    return new FlowRows(packets, new FlowTimeouts(idleNanos, activeNanos), filesKeptApart);
  }

  private static final class FlowRows implements Iterator<Row> {
    private final Iterator<Row> packets;
    private final FlowTimeouts timeouts;
    private final boolean filesKeptApart;
    private final PacketView packet = new PacketView();
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private FlowAccumulator accumulator;
    private Row keyRow;

    FlowRows(Iterator<Row> packets, FlowTimeouts timeouts, boolean filesKeptApart) {
      this.packets = packets;
      this.timeouts = timeouts;
      this.filesKeptApart = filesKeptApart;
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && (packets.hasNext() || accumulator != null)) {
        if (!packets.hasNext()) {
          accumulator.finish(this::emit);
          accumulator = null;
          break;
        }
        Row row = packets.next();
        if (accumulator == null || !sameKey(keyRow, row)) {
          if (accumulator != null) {
            accumulator.finish(this::emit);
          }
          PacketRowReader.read(row, packet);
          String sourceFile = filesKeptApart ? fileName(row.getString(PacketRowReader.FILE_PATH)) : null;
          accumulator = new FlowAccumulator(FlowKey.of(packet), timeouts, sourceFile);
          keyRow = row;
        } else {
          PacketRowReader.read(row, packet);
        }
        accumulator.add(packet, this::emit);
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

    private void emit(org.nexusflowmeter.flow.FlowRecord flow) {
      ready.add(FlowColumns.toRow(flow, filesKeptApart));
    }

    private static boolean sameKey(Row a, Row b) {
      return a.getInt(PacketRowReader.KEY_PROTOCOL) == b.getInt(PacketRowReader.KEY_PROTOCOL)
          && Objects.equals(a.getString(PacketRowReader.KEY_LOW), b.getString(PacketRowReader.KEY_LOW))
          && Objects.equals(a.getString(PacketRowReader.KEY_HIGH), b.getString(PacketRowReader.KEY_HIGH))
          && Objects.equals(a.getString(PacketRowReader.KEY_FILE), b.getString(PacketRowReader.KEY_FILE));
    }

    /** The last path segment: what spec column 35 calls the file name. */
    private static String fileName(String path) {
      int slash = path.lastIndexOf('/');
      return slash < 0 ? path : path.substring(slash + 1);
    }
  }
}
