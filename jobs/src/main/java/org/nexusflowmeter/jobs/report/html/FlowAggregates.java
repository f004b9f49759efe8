package org.nexusflowmeter.jobs.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nexusflowmeter.jobs.report.html.ReportData.Bin;
import org.nexusflowmeter.jobs.report.html.ReportData.Bucket;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;
import org.nexusflowmeter.jobs.report.html.ReportData.Headline;
import org.nexusflowmeter.jobs.report.html.ReportData.Talker;
import org.nexusflowmeter.jobs.report.html.ReportData.Timeline;
import org.nexusflowmeter.jobs.report.scan.FlowTableScan;
import org.nexusflowmeter.jobs.report.scan.FlowTableSummary;

/**
 * The page's numbers, read off a flow table scanned for the page ({@link FlowTableScan#report}): headline,
 * protocols and TCP connection states (flows, packets, bytes each), both histograms, top talkers and timeline.
 */
final class FlowAggregates {
  static final int TOP_TALKERS = FlowTableScan.TOP_TALKERS;

  private FlowAggregates() {}

  static ReportData of(FlowTableSummary table) {
    if (!table.forPage) {
      throw new IllegalArgumentException("the flow table was scanned for the statistics only, not for the page");
    }
    Headline headline = new Headline(table.flows, table.packets, table.bytes, table.payloadBytes,
        table.bidirectional, table.hosts, table.firstMicros, table.lastMicros);
    return new ReportData(headline, categories(table, false), categories(table, true), bins(table.durationBins),
        bins(table.sizeBins), talkers(table), timeline(table));
  }

  /** Flows, packets and bytes per protocol, or per connection state of the TCP flows; most flows first. */
  private static List<Category> categories(FlowTableSummary table, boolean tcpStates) {
    Map<String, long[]> sums = new TreeMap<>();
    for (FlowTableSummary.Group g : table.groups) {
      if (tcpStates && !g.protocol().equals("TCP")) {
        continue;
      }
      long[] s = sums.computeIfAbsent(tcpStates ? g.state() : g.protocol(), k -> new long[3]);
      s[0] += g.flows();
      s[1] += g.packets();
      s[2] += g.bytes();
    }
    List<Category> categories = new ArrayList<>();
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      long[] s = e.getValue();
      categories.add(new Category(e.getKey(), s[0], s[1], s[2]));
    }
    categories.sort(Comparator.comparingLong(Category::flows).reversed().thenComparing(Category::name));
    return categories;
  }

  /** Flows per bin, in bin order. */
  private static List<Bin> bins(Map<Integer, Long> counts) {
    List<Bin> bins = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      bins.add(new Bin(e.getKey(), e.getValue()));
    }
    return bins;
  }

  private static List<Talker> talkers(FlowTableSummary table) {
    List<Talker> talkers = new ArrayList<>();
    for (FlowTableSummary.AddressBytes a : table.talkers) {
      talkers.add(new Talker(a.address(), a.sentBytes(), a.receivedBytes()));
    }
    return talkers;
  }

  private static Timeline timeline(FlowTableSummary table) {
    if (table.timeline == null) {
      return null;
    }
    FlowTableSummary.Timeline t = table.timeline;
    List<Bucket> buckets = new ArrayList<>(t.packets().length);
    for (int i = 0; i < t.packets().length; i++) {
      buckets.add(new Bucket(t.packets()[i], t.bytes()[i]));
    }
    return new Timeline(t.originMicros(), t.bucketMicros(), buckets);
  }
}
