package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.PacketView;

/**
 * The keys the per-segment path left undecided, and the filter that picks their packets out of the packet
 * rows as {@link KeyPackets} rows. Shipped to the tasks with the closure: the set is small (the keys of
 * out-of-order or interleaved traffic).
 */
final class UndecidedKeys implements FlatMapFunction<Iterator<InternalRow>, Row>, Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> keyFiles = new ArrayList<>();
  private final List<byte[]> keys = new ArrayList<>();
  private final boolean filesKeptApart;
  private transient Map<FlowKey, Set<String>> lookup;

  UndecidedKeys(List<String> keyFiles, List<byte[]> keys, boolean filesKeptApart) {
    this.keyFiles.addAll(keyFiles);
    this.keys.addAll(keys);
    this.filesKeptApart = filesKeptApart;
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  int size() {
    return keys.size();
  }

  @Override
  public Iterator<Row> call(Iterator<InternalRow> packets) {
    Map<FlowKey, Set<String>> wanted = lookup();
    PacketFields fields = new PacketFields();
    PacketView packet = new PacketView();
    return new FillingIterator<>() {
      @Override
      protected boolean fill() {
        if (!packets.hasNext()) {
          return false;
        }
        Row picked = pick(packets.next());
        if (picked != null) {
          emit(picked);
        }
        return true;
      }

      private Row pick(InternalRow row) {
        if (fields.read(row, packet) != PacketFields.FLOW) {
          return null;
        }
        FlowKey key = FlowKey.of(packet);
        Set<String> files = wanted.get(key);
        if (files == null) {
          return null;
        }
        String file = row.getUTF8String(PacketFields.FILE_PATH).toString();
        String keyFile = filesKeptApart ? file : "";
        return files.contains(keyFile) ? KeyPackets.toRow(keyFile, key.toBytes(), file, fields, packet) : null;
      }
    };
  }

  private Map<FlowKey, Set<String>> lookup() {
    if (lookup == null) {
      lookup = new HashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        lookup.computeIfAbsent(FlowKey.fromBytes(keys.get(i)), k -> new HashSet<>()).add(keyFiles.get(i));
      }
    }
    return lookup;
  }
}
