package org.nexusflowmeter.flow;

/**
 * The flows of one segment of a capture: the packets of one file that one task reads, in file order, all keys
 * mixed. Every flow leaves as a {@link FlowPart}; the first flow of each key keeps the log that lets
 * {@link FlowSeam} append it to the key's flow in the segment before, so {@link KeyFlowFold} can make the
 * segments' flows whole.
 *
 * <p>Only live flows are held. A key's flow leaves the table once it is idle by more than the timeout plus a
 * slack behind the newest time seen (the watermark): any later packet of that flow in time order would start a
 * new flow anyway. Packets are taken in file order, which is time order per key only in a well-ordered capture;
 * the table reports a key as out of order, drops its state and takes no more of its packets, when
 * <ul>
 *   <li>a packet is earlier than the key's previous packet, or</li>
 *   <li>a packet of a key the table does not hold is more than the slack behind the watermark: it might belong to
 *       a flow that already left the table.</li>
 * </ul>
 * The caller then builds such keys' flows another way (for example from all their packets sorted by time).
 * Nothing is allocated per packet but a key's first packet and each new flow.
 */
public final class SegmentFlowTable {
  /** Where the table's results go. */
  public interface Output {
    /** A completed flow (or, for a key's first and last flow here, possibly a part of one). */
    void flow(FlowPart flow);

    /** The key's packets here are not in time order: its flows from this segment must not be used. */
    void outOfOrder(FlowKey key);
  }

  private static final int INITIAL_BUCKETS = 1 << 12;
  /** Evicting is checked every this many packets: cheap, and keeps the table within a few more flows. */
  private static final int EVICT_EVERY = 256;

  private final FlowTimeouts timeouts;
  private final long slackNanos;
  private final Output out;
  private final FlowPartSink flows;

  private Entry[] buckets = new Entry[INITIAL_BUCKETS];
  private int size;
  /** Live keys from least to most recently seen (out-of-order keys are kept in the table, not here). */
  private final Entry lru = new Entry(null, 0);
  private long watermark = Long.MIN_VALUE;
  private int sinceEvict;

  /**
   * @param slackNanos how far behind the newest packet time a packet may be and still count as in order for a
   *     key the table does not hold
   */
  public SegmentFlowTable(FlowTimeouts timeouts, long slackNanos, Output out) {
    if (slackNanos < 0) {
      throw new IllegalArgumentException("slack must be >= 0: " + slackNanos);
    }
    this.timeouts = timeouts;
    this.slackNanos = slackNanos;
    this.out = out;
    this.flows = out::flow;
    lru.older = lru;
    lru.newer = lru;
  }

  /** Adds the segment's next packet (file order). */
  public void add(PacketView packet) {
    long now = packet.timestampNanos;
    int hash = FlowKey.hashOf(packet);
    Entry entry = find(packet, hash);
    if (entry == null) {
      entry = insert(new Entry(FlowKey.of(packet), hash));
      if (watermark != Long.MIN_VALUE && watermark - now > slackNanos) {
        markOutOfOrder(entry);
      } else {
        entry.accumulator = new FlowAccumulator(entry.key, timeouts, true);
        linkNewest(entry);
      }
    } else if (entry.accumulator != null) {
      if (now < entry.accumulator.lastNanos()) {
        unlink(entry);
        markOutOfOrder(entry);
      } else {
        unlink(entry);
        linkNewest(entry);
      }
    }
    if (entry.accumulator != null) {
      entry.accumulator.add(packet, flows);
    }
    if (now > watermark) {
      watermark = now;
    }
    if (++sinceEvict == EVICT_EVERY) {
      sinceEvict = 0;
      evictIdle();
    }
  }

  /** Completes every live flow. The table is empty afterwards. */
  public void finish() {
    for (Entry e = lru.newer; e != lru; e = e.newer) {
      e.accumulator.finish(flows);
    }
    buckets = new Entry[INITIAL_BUCKETS];
    size = 0;
    lru.older = lru;
    lru.newer = lru;
    watermark = Long.MIN_VALUE;
  }

  /** Keys held: live flows plus keys found out of order. */
  public int size() {
    return size;
  }

  private void evictIdle() {
    Entry e = lru.newer;
    // watermark - last - slack > idle, arranged so that no term overflows for real capture times
    while (e != lru && watermark - e.accumulator.lastNanos() - slackNanos > timeouts.idleNanos) {
      Entry next = e.newer;
      e.accumulator.finish(flows);
      unlink(e);
      remove(e);
      e = next;
    }
  }

  private void markOutOfOrder(Entry entry) {
    entry.accumulator = null;
    out.outOfOrder(entry.key);
  }

  private Entry find(PacketView packet, int hash) {
    for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
      if (e.hash == hash && e.key.sideOf(packet) >= 0) {
        return e;
      }
    }
    return null;
  }

  private Entry insert(Entry entry) {
    if (++size > buckets.length - (buckets.length >> 2)) {
      grow();
    }
    int index = entry.hash & (buckets.length - 1);
    entry.next = buckets[index];
    buckets[index] = entry;
    return entry;
  }

  private void remove(Entry entry) {
    int index = entry.hash & (buckets.length - 1);
    Entry previous = null;
    for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
      if (e == entry) {
        if (previous == null) {
          buckets[index] = e.next;
        } else {
          previous.next = e.next;
        }
        size--;
        return;
      }
    }
  }

  private void grow() {
    Entry[] old = buckets;
    buckets = new Entry[old.length * 2];
    for (Entry head : old) {
      for (Entry e = head; e != null; ) {
        Entry next = e.next;
        int index = e.hash & (buckets.length - 1);
        e.next = buckets[index];
        buckets[index] = e;
        e = next;
      }
    }
  }

  private void linkNewest(Entry e) {
    e.older = lru.older;
    e.newer = lru;
    lru.older.newer = e;
    lru.older = e;
  }

  private static void unlink(Entry e) {
    e.older.newer = e.newer;
    e.newer.older = e.older;
    e.older = null;
    e.newer = null;
  }

  private static final class Entry {
    final FlowKey key;
    final int hash;
    /** Null once the key was found out of order. */
    FlowAccumulator accumulator;
    Entry next;
    Entry older;
    Entry newer;

    Entry(FlowKey key, int hash) {
      this.key = key;
      this.hash = hash;
    }
  }
}
