package org.nexusflowmeter.jobs.report.html;

import java.util.List;

/** The small results the charts are drawn from: everything the driver collects, never the flow table itself. */
record ReportData(Headline headline, List<Category> protocols, List<Category> tcpStates, List<Bin> durations,
    List<Bin> sizes, List<Talker> talkers, Timeline timeline) {

  /**
   * Totals over all flows. {@code firstMicros} and {@code lastMicros} (first packet's start, last packet's end,
   * epoch microseconds) are meaningless when {@code flows} is 0.
   */
  record Headline(long flows, long packets, long bytes, long payloadBytes, long bidirectionalFlows, long hosts,
      long firstMicros, long lastMicros) {}

  /** Flows, packets and bytes of one protocol or one connection state. */
  record Category(String name, long flows, long packets, long bytes) {}

  /** An address with the bytes it sent and received over all its flows. */
  record Talker(String address, long sentBytes, long receivedBytes) {
    long totalBytes() {
      return sentBytes + receivedBytes;
    }
  }

  /** A histogram bin: its index (meaning given by the binning, see {@link LogBins}) and how many flows fall in. */
  record Bin(int index, long flows) {}

  /**
   * Packets and bytes per time bucket; {@code buckets.get(i)} covers
   * [{@code originMicros + i·bucketMicros}, {@code + bucketMicros}). Values are fractional because each flow's
   * packets and bytes are spread evenly over its lifetime.
   */
  record Timeline(long originMicros, long bucketMicros, List<Bucket> buckets) {}

  record Bucket(double packets, double bytes) {}
}
