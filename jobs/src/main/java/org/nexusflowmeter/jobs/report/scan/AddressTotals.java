package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Bytes each address sent and received, for the number of addresses and the top talkers, which must be exact.
 * Memory grows with the distinct addresses, never with the flows, and is capped: most captures have far fewer
 * addresses than flows, but a scan of a network can have millions. Past {@code limit} addresses (in one
 * partition or merged) the totals give up ({@link #complete()} false, the map freed), and the scan asks Spark
 * for one grouping by address instead, which spills to disk rather than filling the driver.
 */
final class AddressTotals implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int limit;
  private HashMap<UTF8String, long[]> sums = new HashMap<>();

  AddressTotals(int limit) {
    this.limit = limit;
  }

  /** Adds one end of a flow; the address is copied only when it is new. */
  void add(UTF8String address, long sent, long received) {
    if (sums == null) {
      return;
    }
    long[] s = sums.get(address);
    if (s == null) {
      if (sums.size() == limit) {
        sums = null;
        return;
      }
      s = new long[2];
      sums.put(address.clone(), s);
    }
    s[0] += sent;
    s[1] += received;
  }

  void merge(AddressTotals other) {
    if (sums == null || other.sums == null) {
      sums = null;
      return;
    }
    for (Map.Entry<UTF8String, long[]> e : other.sums.entrySet()) {
      long[] s = sums.get(e.getKey());
      if (s == null) {
        if (sums.size() == limit) {
          sums = null;
          return;
        }
        sums.put(e.getKey(), e.getValue());
      } else {
        s[0] += e.getValue()[0];
        s[1] += e.getValue()[1];
      }
    }
  }

  /** False when there were more than {@code limit} addresses: then neither count nor ranking is known. */
  boolean complete() {
    return sums != null;
  }

  long addresses() {
    return sums.size();
  }

  /** The busiest addresses, as {@link TalkerRanking} orders them. */
  TalkerRanking ranking(int size) {
    TalkerRanking ranking = new TalkerRanking(size);
    for (Map.Entry<UTF8String, long[]> e : sums.entrySet()) {
      ranking.offer(e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    return ranking;
  }
}
