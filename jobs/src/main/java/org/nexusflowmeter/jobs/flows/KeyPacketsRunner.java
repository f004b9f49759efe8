package org.nexusflowmeter.jobs.flows;

import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nexusflowmeter.flow.FlowAccumulator;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.FlowPart;
import org.nexusflowmeter.flow.FlowRecord;
import org.nexusflowmeter.flow.FlowTimeouts;
import org.nexusflowmeter.flow.PacketView;

/**
 * One pass per key over {@link KeyPackets} rows sorted by key, then capture order: every packet of a key is in
 * this partition and its packets are contiguous, so one {@link FlowAccumulator} at a time sees all of them in
 * time order; flows are numbered as they complete. Only the live flow of the current key is held.
 */
final class KeyPacketsRunner implements Function2<Integer, Iterator<Row>, Iterator<InternalRow>> {
  private static final long serialVersionUID = 1L;

  private final long idleNanos;
  private final long activeNanos;
  private final boolean filesKeptApart;
  private final FlowTallyAccumulator tally;

  KeyPacketsRunner(FlowTimeouts timeouts, boolean filesKeptApart, FlowTallyAccumulator tally) {
    this.idleNanos = timeouts.idleNanos;
    this.activeNanos = timeouts.activeNanos;
    this.filesKeptApart = filesKeptApart;
    this.tally = tally;
  }

  @Override
  public Iterator<InternalRow> call(Integer partition, Iterator<Row> packets) {
    // tasks of this step tally apart from the fold's (the step in the high half)
    return new Flows(packets, new FlowTimeouts(idleNanos, activeNanos),
        new FlowTallyAccumulator.TaskTally(1L << 32 | partition));
  }

  private final class Flows extends FillingIterator<InternalRow> {
    private final Iterator<Row> packets;
    private final FlowTimeouts timeouts;
    private final PacketView packet = new PacketView();
    private final FlowRowWriter rows = new FlowRowWriter(filesKeptApart);
    private final FlowTallyAccumulator.TaskTally taskTally;
    private FlowAccumulator accumulator;
    private String keyFile;
    private byte[] key;
    private String sourceFile;
    private int flowNumber;

    Flows(Iterator<Row> packets, FlowTimeouts timeouts, FlowTallyAccumulator.TaskTally taskTally) {
      this.packets = packets;
      this.timeouts = timeouts;
      this.taskTally = taskTally;
    }

    @Override
    protected boolean fill() {
      rows.reuse();
      if (!packets.hasNext()) {
        if (accumulator != null) {
          accumulator.finish(this::emitFlow);
          accumulator = null;
        }
        tally.add(taskTally);
        return false;
      }
      Row row = packets.next();
      KeyPackets.read(row, packet);
      String rowKeyFile = row.getString(KeyPackets.KEY_FILE);
      byte[] rowKey = (byte[]) row.get(KeyPackets.KEY);
      if (accumulator == null || !rowKeyFile.equals(keyFile) || !Arrays.equals(rowKey, key)) {
        if (accumulator != null) {
          accumulator.finish(this::emitFlow);
        }
        keyFile = rowKeyFile;
        key = rowKey;
        sourceFile = filesKeptApart ? FlowColumns.fileName(keyFile) : null;
        flowNumber = 0;
        accumulator = new FlowAccumulator(FlowKey.fromBytes(key), timeouts, false);
      }
      accumulator.add(packet, this::emitFlow);
      return true;
    }

    private void emitFlow(FlowPart flow) {
      FlowRecord record = flow.toRecord(++flowNumber, sourceFile);
      taskTally.flow(record.getProtocol(), record.getConnectionState());
      emit(rows.flow(record));
    }
  }
}
