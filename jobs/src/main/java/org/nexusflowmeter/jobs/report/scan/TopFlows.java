package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The first few flows in the order of the report's top lists: most of a measure (packets or bytes) first, ties by
 * earlier start, then flow id, then source file, strings compared as Spark orders them (UTF-8 bytes, no source
 * file before any). Kept as a short sorted list: a flow that cannot enter is turned away by one comparison with
 * the last entry, without allocating.
 */
final class TopFlows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final ArrayList<Entry> entries;

  TopFlows(int size) {
    this.size = size;
    this.entries = new ArrayList<>(size + 1);
  }

  /** Offers one flow ranked by {@code measure}; the strings are copied only if the flow enters. */
  void offer(long measure, long startMicros, UTF8String flowId, UTF8String file, long packets, long bytes) {
    if (entries.size() == size && compare(measure, startMicros, flowId, file, entries.get(size - 1)) >= 0) {
      return;
    }
    insert(new Entry(measure, startMicros, flowId.clone(), file == null ? null : file.clone(), packets, bytes));
  }

  void merge(TopFlows other) {
    for (Entry e : other.entries) {
      if (entries.size() < size || compare(e.measure, e.startMicros, e.flowId, e.file, entries.get(size - 1)) < 0) {
        insert(e);
      }
    }
  }

  List<FlowTableSummary.RankedFlow> flows() {
    List<FlowTableSummary.RankedFlow> flows = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      flows.add(new FlowTableSummary.RankedFlow(e.flowId.toString(), e.file == null ? null : e.file.toString(),
          e.packets, e.bytes));
    }
    return flows;
  }

  private void insert(Entry entry) {
    int at = entries.size();
    while (at > 0 && compare(entry.measure, entry.startMicros, entry.flowId, entry.file, entries.get(at - 1)) < 0) {
      at--;
    }
    entries.add(at, entry);
    if (entries.size() > size) {
      entries.remove(size);
    }
  }

  /** Negative when the flow comes before {@code e}. */
  private static int compare(long measure, long startMicros, UTF8String flowId, UTF8String file, Entry e) {
    int c = Long.compare(e.measure, measure);
    if (c == 0) {
      c = Long.compare(startMicros, e.startMicros);
    }
    if (c == 0) {
      c = flowId.binaryCompare(e.flowId);
    }
    if (c == 0 && (file != null || e.file != null)) {
      c = file == null ? -1 : e.file == null ? 1 : file.binaryCompare(e.file);
    }
    return c;
  }

  private static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    final long measure;
    final long startMicros;
    final UTF8String flowId;
    final UTF8String file;
    final long packets;
    final long bytes;

    Entry(long measure, long startMicros, UTF8String flowId, UTF8String file, long packets, long bytes) {
      this.measure = measure;
      this.startMicros = startMicros;
      this.flowId = flowId;
      this.file = file;
      this.packets = packets;
      this.bytes = bytes;
    }
  }
}
