package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Flows, packets and bytes per (protocol, connection state, source file): one entry per combination seen, a
 * short list even for many flows. A row is looked up through one reused probe key, so only a combination seen
 * for the first time allocates (and copies the row's strings, which point into a buffer the next row reuses).
 */
final class GroupCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<Key, long[]> totals = new HashMap<>();
  private transient Key probe;

  void add(UTF8String protocol, UTF8String state, UTF8String file, long packets, long bytes) {
    if (probe == null) {
      probe = new Key(null, null, null);
    }
    probe.protocol = protocol;
    probe.state = state;
    probe.file = file;
    long[] sums = totals.get(probe);
    if (sums == null) {
      sums = new long[3];
      totals.put(new Key(protocol.clone(), state.clone(), file == null ? null : file.clone()), sums);
    }
    sums[0]++;
    sums[1] += packets;
    sums[2] += bytes;
  }

  void merge(GroupCounts other) {
    for (Map.Entry<Key, long[]> e : other.totals.entrySet()) {
      long[] sums = totals.computeIfAbsent(e.getKey(), k -> new long[3]);
      for (int i = 0; i < sums.length; i++) {
        sums[i] += e.getValue()[i];
      }
    }
  }

  List<FlowTableSummary.Group> groups() {
    List<FlowTableSummary.Group> groups = new ArrayList<>(totals.size());
    for (Map.Entry<Key, long[]> e : totals.entrySet()) {
      Key k = e.getKey();
      long[] sums = e.getValue();
      groups.add(new FlowTableSummary.Group(k.protocol.toString(), k.state.toString(),
          k.file == null ? null : k.file.toString(), sums[0], sums[1], sums[2]));
    }
    return groups;
  }

  /** Mutable only as the probe; keys in the map are never changed. */
  private static final class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private UTF8String protocol;
    private UTF8String state;
    private UTF8String file;

    Key(UTF8String protocol, UTF8String state, UTF8String file) {
      this.protocol = protocol;
      this.state = state;
      this.file = file;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && protocol.equals(k.protocol) && state.equals(k.state)
          && Objects.equals(file, k.file);
    }

    @Override
    public int hashCode() {
      return (protocol.hashCode() * 31 + state.hashCode()) * 31 + Objects.hashCode(file);
    }
  }
}
