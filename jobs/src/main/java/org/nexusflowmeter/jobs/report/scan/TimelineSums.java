package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;

/**
 * Packets and bytes per time bucket. A flow's packets and bytes are spread evenly over its lifetime: each bucket
 * it overlaps gets the share of the flow's duration that falls in it (a zero-duration flow gives all to its one
 * bucket). Flows hold no per-packet times, so this is the closest the table can tell. Bucket of a time and share
 * are computed in the same double arithmetic the report's SQL used, so edges fall the same way.
 */
final class TimelineSums implements Serializable {
  private static final long serialVersionUID = 1L;

  final long originMicros;
  final long bucketMicros;
  final double[] packets;
  final double[] bytes;

  TimelineSums(long originMicros, long bucketMicros, int buckets) {
    this.originMicros = originMicros;
    this.bucketMicros = bucketMicros;
    this.packets = new double[buckets];
    this.bytes = new double[buckets];
  }

  void add(long startMicros, long endMicros, long flowPackets, long flowBytes) {
    long first = bucketOf(startMicros);
    long last = bucketOf(endMicros);
    long step = last >= first ? 1 : -1;
    for (long b = first; ; b += step) {
      // a flow ending before it starts (a clock stepping back) can reach outside the capture's span: skipped
      if (b >= 0 && b < packets.length) {
        long bucketStart = originMicros + b * bucketMicros;
        double share = endMicros == startMicros ? 1.0
            : (double) (Math.min(endMicros, bucketStart + bucketMicros) - Math.max(startMicros, bucketStart))
                / (double) (endMicros - startMicros);
        packets[(int) b] += flowPackets * share;
        bytes[(int) b] += flowBytes * share;
      }
      if (b == last) {
        return;
      }
    }
  }

  void merge(TimelineSums other) {
    for (int i = 0; i < packets.length; i++) {
      packets[i] += other.packets[i];
      bytes[i] += other.bytes[i];
    }
  }

  private long bucketOf(long micros) {
    return (long) Math.floor((double) (micros - originMicros) / (double) bucketMicros);
  }
}
