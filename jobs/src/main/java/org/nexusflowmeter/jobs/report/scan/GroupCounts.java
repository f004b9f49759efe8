package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Flows, packets and bytes per (protocol, connection state, source file): one entry per combination seen, a
 * short list even for many flows. A row is looked up through one reused probe key, so only a combination seen
 * for the first time allocates (and copies the row's strings, which point into a buffer the next row reuses).
 *
 * <p>In front of the map, a small cache indexed by the strings' lengths and a few of their bytes: a row's
 * combination is nearly always one seen before, found there by comparing bytes, without the map's three
 * Murmur3 hashes. Kept out of the per-row method, the map's lookup is compiled apart from it, so the reports'
 * first pass (which calls this for every flow) is a smaller method for the JIT to compile.
 */
final class GroupCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int CACHE_SLOTS = 64;

  private final HashMap<Key, Totals> totals = new HashMap<>();
  private transient Key probe;
  /** Slot i: the totals of a combination whose slot is i, or null. */
  private transient Totals[] cache;

  void add(UTF8String protocol, UTF8String state, UTF8String file, long packets, long bytes) {
    int slot = slot(protocol, state, file);
    Totals t = cache == null ? null : cache[slot];
    if (t == null || !t.key.protocol.equals(protocol) || !t.key.state.equals(state)
        || !Objects.equals(t.key.file, file)) {
      t = lookUp(slot, protocol, state, file);
    }
    t.flows++;
    t.packets += packets;
    t.bytes += bytes;
  }

  void merge(GroupCounts other) {
    for (Totals theirs : other.totals.values()) {
      Totals t = totals.computeIfAbsent(theirs.key, Totals::new);
      t.flows += theirs.flows;
      t.packets += theirs.packets;
      t.bytes += theirs.bytes;
    }
  }

  List<FlowTableSummary.Group> groups() {
    List<FlowTableSummary.Group> groups = new ArrayList<>(totals.size());
    for (Totals t : totals.values()) {
      groups.add(new FlowTableSummary.Group(t.key.protocol.toString(), t.key.state.toString(),
          t.key.file == null ? null : t.key.file.toString(), t.flows, t.packets, t.bytes));
    }
    return groups;
  }

  /** The map's totals of the combination, added if new, put in the cache's slot. */
  private Totals lookUp(int slot, UTF8String protocol, UTF8String state, UTF8String file) {
    if (probe == null) {
      probe = new Key(null, null, null);
      cache = new Totals[CACHE_SLOTS];
    }
    probe.protocol = protocol;
    probe.state = state;
    probe.file = file;
    Totals t = totals.get(probe);
    if (t == null) {
      Key key = new Key(protocol.clone(), state.clone(), file == null ? null : file.clone());
      t = new Totals(key);
      totals.put(key, t);
    }
    cache[slot] = t;
    return t;
  }

  /** The cache slot of a combination: from lengths and end bytes, cheap to read and enough to tell apart the few. */
  private static int slot(UTF8String protocol, UTF8String state, UTF8String file) {
    int p = protocol.numBytes();
    int s = state.numBytes();
    int h = p * 31 + (p > 0 ? protocol.getByte(p - 1) : 0);
    h = h * 31 + s;
    h = h * 31 + (s > 0 ? state.getByte(0) + 7 * state.getByte(s - 1) : 0);
    h = h * 31 + (file == null ? 0 : file.numBytes());
    return (h ^ h >>> 6) & (CACHE_SLOTS - 1);
  }

  /** One combination's sums, beside its key (which the cache compares). */
  private static final class Totals implements Serializable {
    private static final long serialVersionUID = 1L;
    final Key key;
    long flows;
    long packets;
    long bytes;

    Totals(Key key) {
      this.key = key;
    }
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
