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
 *
 * <p>A flow stays here for at least the idle timeout of capture time, long enough for its objects to outlive a
 * young collection; so the table recycles them instead of leaving them to die in the old generation. A flow's
 * state is reused for a later flow as soon as {@link Output#flow} returns with its part, and a key's entry (with
 * its accumulator) once the key has left. Spares are kept only while they do not outnumber the live flows (or
 * {@value #MIN_SPARES}): after a burst the surplus is left to the collector, and what is kept is used up by the
 * next flows. The spares may outlive the table, for the next table of the thread ({@link SegmentFlowSpares}).
 * Per packet nothing is allocated; per new key, its {@link FlowKey} (and an entry when no spare is left); per
 * completed flow, its {@link FlowPart} (and a state when no spare is left).
 */
public final class SegmentFlowTable {
  /** Where the table's results go. */
  public interface Output {
    /**
     * A completed flow (or, for a key's first and last flow here, possibly a part of one). The part is valid only
     * during this call, like a buffer released after its handler: once the call returns, the table reuses its
     * state for a later flow. Read or encode ({@link FlowPart#toBytes}) what is needed before returning; the
     * part's {@link FlowPart#key() key} is immutable and may be kept.
     */
    void flow(FlowPart flow);

    /** The key's packets here are not in time order: its flows from this segment must not be used. */
    void outOfOrder(FlowKey key);
  }

  private static final int INITIAL_SLOTS = 1 << 12;
  /** Evicting is checked every this many packets: cheap, and keeps the table within a few more flows. */
  private static final int EVICT_EVERY = 256;
  /** Spare states and entries kept for reuse however few flows are live. */
  static final int MIN_SPARES = 1024;

  private final FlowTimeouts timeouts;
  private final long slackNanos;
  private final Output out;
  private final FlowPartSink flows;
  private final SegmentFlowSpares spares;

  /**
   * The keys held, by open addressing (linear probing, at most half full): a slot's entry and, beside it in a
   * second array, its key's hash. Most of a segment's keys are idle flows waiting for their timeout, so the
   * memory behind them is cold: probing compares the hashes, sixteen to a cache line, and reads an entry only
   * when its hash is the packet's; removing a key moves the slots after it by their hashes alone. (A chain per
   * bucket read every entry before the one sought, and removing an idle key walked its bucket's chain.)
   */
  private Entry[] slots = new Entry[INITIAL_SLOTS];
  private int[] hashes = new int[INITIAL_SLOTS];
  private int size;
  /** Keys with a live flow: those in the list from {@link #oldest} to {@link #newest}. */
  private int live;
  /** Live keys from least to most recently seen (out-of-order keys are kept in the table, not here); or null. */
  private Entry oldest;
  private Entry newest;
  private long watermark = Long.MIN_VALUE;
  private int sinceEvict;

  /**
   * @param slackNanos how far behind the newest packet time a packet may be and still count as in order for a
   *     key the table does not hold
   */
  public SegmentFlowTable(FlowTimeouts timeouts, long slackNanos, Output out) {
    this(timeouts, slackNanos, out, new SegmentFlowSpares(timeouts));
  }

  /** A table that takes its spares from, and leaves them in, {@code spares} (of the same timeouts). */
  public SegmentFlowTable(FlowTimeouts timeouts, long slackNanos, Output out, SegmentFlowSpares spares) {
    if (slackNanos < 0) {
      throw new IllegalArgumentException("slack must be >= 0: " + slackNanos);
    }
    if (!spares.fits(timeouts)) {
      throw new IllegalArgumentException("spares of other timeouts");
    }
    this.timeouts = timeouts;
    this.slackNanos = slackNanos;
    this.out = out;
    this.flows = out::flow;
    this.spares = spares;
    setLive(0);
  }

  /** Adds the segment's next packet (file order). */
  public void add(PacketView packet) {
    long now = packet.timestampNanos;
    int hash = FlowKey.hashOf(packet);
    Entry entry = find(packet, hash);
    if (entry == null) {
      entry = insert(FlowKey.of(packet), hash);
      if (watermark != Long.MIN_VALUE && watermark - now > slackNanos) {
        markOutOfOrder(entry);
      } else {
        linkNewest(entry);
        setLive(live + 1);
      }
    } else if (!entry.outOfOrder) {
      unlink(entry);
      if (now < entry.lastNanos()) {
        setLive(live - 1);
        entry.drop();
        markOutOfOrder(entry);
      } else {
        linkNewest(entry);
      }
    }
    if (!entry.outOfOrder) {
      entry.add(packet, entry.side(packet), flows);
    }
    if (now > watermark) {
      watermark = now;
    }
    if (++sinceEvict == EVICT_EVERY) {
      sinceEvict = 0;
      evictIdle();
    }
  }

  /**
   * Completes every live flow. The table is empty afterwards and takes the next segment's packets, reusing the
   * spares of this one.
   */
  public void finish() {
    for (Entry e = oldest; e != null; e = e.newer) {
      e.finish(flows);
    }
    // spares are bounded by the live count before the table empties, as if the keys had left one by one
    for (Entry e : slots) {
      if (e != null) {
        release(e);
      }
    }
    slots = new Entry[INITIAL_SLOTS];
    hashes = new int[INITIAL_SLOTS];
    size = 0;
    setLive(0);
    oldest = null;
    newest = null;
    watermark = Long.MIN_VALUE;
  }

  /**
   * Completes up to {@code count} of the live flows, least recently seen first, as {@link #finish} would: for a
   * caller that hands the flows of a segment's end on a few at a time. True when no live flow is left; then
   * {@link #finish} completes nothing more and empties the table.
   */
  public boolean finishOldest(int count) {
    for (int i = 0; i < count && oldest != null; i++) {
      Entry e = oldest;
      e.finish(flows);
      // live, not setLive: the spares kept stay bounded by the live count before the table empties, as finish's
      live--;
      leave(e);
    }
    return oldest == null;
  }

  /** Keys held: live flows plus keys found out of order. */
  public int size() {
    return size;
  }

  /** Flow states kept for reuse. */
  int spareStateCount() {
    return spares.stateCount();
  }

  /** Entries kept for reuse. */
  int spareEntryCount() {
    return spares.entryCount();
  }

  private void evictIdle() {
    // watermark - last - slack > idle, arranged so that no term overflows for real capture times
    for (Entry e = oldest; e != null && watermark - e.lastNanos() - slackNanos > timeouts.idleNanos; e = oldest) {
      e.finish(flows);
      setLive(live - 1);
      leave(e);
    }
  }

  /** Takes the key of a flow just completed out of the list and the table, keeping its entry if spares are wanted. */
  private void leave(Entry e) {
    unlink(e);
    remove(e);
    release(e);
  }

  private void markOutOfOrder(Entry entry) {
    entry.outOfOrder = true;
    out.outOfOrder(entry.key());
  }

  /** Spares are kept while they do not outnumber the live flows (or {@value #MIN_SPARES}). */
  private void setLive(int live) {
    this.live = live;
    spares.wanted = Math.max(MIN_SPARES, live);
  }

  /** Keeps an entry that left the table (its flow completed or dropped) for a later key, if spares are wanted. */
  private void release(Entry entry) {
    entry.older = null;
    entry.newer = null;
    if (spares.entries.size() < spares.wanted) {
      spares.entries.addLast(entry);
    }
  }

  private Entry find(PacketView packet, int hash) {
    int mask = slots.length - 1;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      Entry e = slots[i];
      if (e == null) {
        return null;
      }
      if (hashes[i] == hash && e.side(packet) >= 0) {
        return e;
      }
    }
  }

  private Entry insert(FlowKey key, int hash) {
    Entry entry = spares.entries.pollLast();
    if (entry == null) {
      entry = new Entry(key, spares.timeouts, spares);
    } else {
      entry.restart(key);
    }
    entry.hold(hash);
    entry.outOfOrder = false;
    if (++size > slots.length >> 1) {
      grow();
    }
    place(entry);
    return entry;
  }

  /** Puts the entry in the first free slot from its hash's. */
  private void place(Entry entry) {
    int mask = slots.length - 1;
    int i = entry.hash & mask;
    while (slots[i] != null) {
      i = (i + 1) & mask;
    }
    slots[i] = entry;
    hashes[i] = entry.hash;
  }

  /**
   * Takes the entry out of its slot and closes the gap (backward shift): each later slot of the run moves into
   * the gap unless its hash's home slot lies after the gap, so every key stays reachable from its home slot.
   */
  private void remove(Entry entry) {
    int mask = slots.length - 1;
    int gap = entry.hash & mask;
    while (slots[gap] != entry) {
      gap = (gap + 1) & mask;
    }
    for (int i = (gap + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
      int home = hashes[i] & mask;
      // the slot may move back to the gap when its home is not in (gap, i], cyclically
      if (((i - home) & mask) >= ((i - gap) & mask)) {
        slots[gap] = slots[i];
        hashes[gap] = hashes[i];
        gap = i;
      }
    }
    slots[gap] = null;
    size--;
  }

  private void grow() {
    Entry[] old = slots;
    slots = new Entry[old.length * 2];
    hashes = new int[old.length * 2];
    for (Entry e : old) {
      if (e != null) {
        place(e);
      }
    }
  }

  private void linkNewest(Entry e) {
    e.older = newest;
    e.newer = null;
    if (newest == null) {
      oldest = e;
    } else {
      newest.newer = e;
    }
    newest = e;
  }

  private void unlink(Entry e) {
    if (e.older == null) {
      oldest = e.newer;
    } else {
      e.older.newer = e.newer;
    }
    if (e.newer == null) {
      newest = e.older;
    } else {
      e.newer.older = e.older;
    }
    e.older = null;
    e.newer = null;
  }

  /**
   * A key held: its accumulator, with the key's fields and the table's links in the same object, so that finding a
   * packet's key and adding the packet read one object, not three (memory the processor mostly has to fetch: a
   * segment holds tens of thousands of keys).
   */
  static final class Entry extends FlowAccumulator {
    /** The hash of the key this entry now holds (a spare entry keeps its last key until it is reused). */
    int hash;
    private int protocol;
    private int addressLength;
    private long addrHigh0;
    private long addrLow0;
    private int port0;
    private long addrHigh1;
    private long addrLow1;
    private int port1;
    /** The key was found out of order: it has no live flow and its packets are not taken. */
    boolean outOfOrder;
    Entry older;
    Entry newer;

    Entry(FlowKey key, FlowTimeouts timeouts, StatePool states) {
      super(key, timeouts, true, states);
    }

    /** Takes the fields of the key the accumulator was (re)started with, whose hash is {@code hash}. */
    void hold(int hash) {
      FlowKey key = key();
      this.hash = hash;
      protocol = key.protocol;
      addressLength = key.addressLength;
      addrHigh0 = key.addrHigh0;
      addrLow0 = key.addrLow0;
      port0 = key.port0;
      addrHigh1 = key.addrHigh1;
      addrLow1 = key.addrLow1;
      port1 = key.port1;
    }

    /** The side of the held key that sent the packet, or -1 when it is another key's. */
    int side(PacketView packet) {
      return FlowKey.sideOf(packet, protocol, addressLength, addrHigh0, addrLow0, port0, addrHigh1, addrLow1, port1);
    }
  }
}
