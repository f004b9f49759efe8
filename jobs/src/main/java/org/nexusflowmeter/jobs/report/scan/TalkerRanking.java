package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The busiest addresses, most bytes sent and received first, ties by address (UTF-8 bytes, as Spark orders
 * strings), and how many addresses were offered: mergeable, so it also folds Spark's per-address grouping.
 */
final class TalkerRanking implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int size;
  private final ArrayList<Entry> entries;
  private long offered;

  TalkerRanking(int size) {
    this.size = size;
    this.entries = new ArrayList<>(size + 1);
  }

  /** Offers one address's totals; the address is copied only if it enters. */
  void offer(UTF8String address, long sent, long received) {
    offered++;
    long total = sent + received;
    if (entries.size() == size && compare(total, address, entries.get(size - 1)) >= 0) {
      return;
    }
    insert(new Entry(address.clone(), sent, received));
  }

  TalkerRanking merge(TalkerRanking other) {
    offered += other.offered;
    for (Entry e : other.entries) {
      if (entries.size() < size || compare(e.total(), e.address, entries.get(size - 1)) < 0) {
        insert(e);
      }
    }
    return this;
  }

  long offered() {
    return offered;
  }

  List<FlowTableSummary.AddressBytes> talkers() {
    List<FlowTableSummary.AddressBytes> talkers = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      talkers.add(new FlowTableSummary.AddressBytes(e.address.toString(), e.sent, e.received));
    }
    return talkers;
  }

  private void insert(Entry entry) {
    int at = entries.size();
    while (at > 0 && compare(entry.total(), entry.address, entries.get(at - 1)) < 0) {
      at--;
    }
    entries.add(at, entry);
    if (entries.size() > size) {
      entries.remove(size);
    }
  }

  private static int compare(long total, UTF8String address, Entry e) {
    int c = Long.compare(e.total(), total);
    return c != 0 ? c : address.binaryCompare(e.address);
  }

  private static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    final UTF8String address;
    final long sent;
    final long received;

    Entry(UTF8String address, long sent, long received) {
      this.address = address;
      this.sent = sent;
      this.received = received;
    }

    long total() {
      return sent + received;
    }
  }
}
