package org.nexusflowmeter.jobs.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.jobs.report.html.Traffic.ACK;
import static org.nexusflowmeter.jobs.report.html.Traffic.FIN;
import static org.nexusflowmeter.jobs.report.html.Traffic.PSH;
import static org.nexusflowmeter.jobs.report.html.Traffic.RST;
import static org.nexusflowmeter.jobs.report.html.Traffic.SYN;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.jobs.flows.FlowJob;
import org.nexusflowmeter.jobs.flows.FlowJobOptions;
import org.nexusflowmeter.jobs.report.html.Traffic.Sent;
import org.nexusflowmeter.pcap.testutil.LocalSpark;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The HTML report of a hand-built capture, through the real flow job on local Spark. Every number on the page is
 * checked against what the test works out from the packets it wrote ({@link Traffic#sent()}), never from the
 * flow table. The page is read as XML (it is written well-formed), so a broken page fails the parse.
 */
class HtmlReportTest {
  /** 2026-11-26T23:20:45Z, on a whole second: µs-exact in the flow table. */
  static final long T0 = 1_795_735_245_000_000_000L;
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;
  static final String TITLE = "Lab <b>capture</b> & \"friends\" 'Q3'";

  private static SparkSession spark;
  private static Traffic traffic;
  private static Dataset<Row> flows;
  private static Path report;
  private static String html;
  private static Document page;

  @BeforeAll
  static void writeTheReport(@TempDir Path dir) throws Exception {
    spark = LocalSpark.start("HtmlReportTest");
    traffic = scenario();
    Path capture = traffic.write(Files.createDirectory(dir.resolve("in")).resolve("lab.pcap"));
    flows = FlowJob.flows(spark.read().format("pcap").load(capture.toString()), FlowJobOptions.defaults());
    report = Files.createDirectory(dir.resolve("out")).resolve("report.html");
    Files.writeString(report, "an older report");
    HtmlReport.write(flows, TITLE, report);
    html = Files.readString(report, StandardCharsets.UTF_8);
    page = parse(report);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * Ten flows over 125 s: a closed web connection, three scanned ports, a refused one, a DNS exchange, a long
   * UDP stream (a packet every 5 s), a ping, an IPv6 UDP exchange and a TCP flow caught midstream.
   */
  private static Traffic scenario() {
    Traffic t = new Traffic();
    String client = "10.1.0.1";
    String web = "10.1.0.2";
    t.tcp("web", T0, client, 40001, web, 80, SYN, 0)
        .tcp("web", T0 + 10 * MS, web, 80, client, 40001, SYN | ACK, 0)
        .tcp("web", T0 + 20 * MS, client, 40001, web, 80, ACK, 0)
        .tcp("web", T0 + 30 * MS, client, 40001, web, 80, PSH | ACK, 500);
    for (int i = 0; i < 3; i++) {
      t.tcp("web", T0 + (40 + 10 * i) * MS, web, 80, client, 40001, ACK, 1400);
    }
    t.tcp("web", T0 + 80 * MS, client, 40001, web, 80, ACK, 0)
        .tcp("web", T0 + 250 * MS, client, 40001, web, 80, FIN | ACK, 0)
        .tcp("web", T0 + 260 * MS, web, 80, client, 40001, FIN | ACK, 0)
        .tcp("web", T0 + 270 * MS, client, 40001, web, 80, ACK, 0);
    int[] scanned = {21, 22, 23};
    for (int i = 0; i < scanned.length; i++) {
      t.tcp("scan-" + scanned[i], T0 + 3 * SECOND + i * MS, "10.1.0.3", 50000, "10.1.0.4", scanned[i], SYN, 0);
    }
    t.tcp("refused", T0 + 4 * SECOND, "10.1.0.3", 50001, "10.1.0.4", 25, SYN, 0)
        .tcp("refused", T0 + 4 * SECOND + 300_000, "10.1.0.4", 25, "10.1.0.3", 50001, RST | ACK, 0);
    t.udp("dns", T0 + 5 * SECOND, client, 53001, "10.1.0.53", 53, 40)
        .udp("dns", T0 + 5 * SECOND + 2 * MS, "10.1.0.53", 53, client, 53001, 120);
    for (int i = 0; i <= 25; i++) {
      t.udp("stream", T0 + i * 5 * SECOND, "10.1.0.5", 5000, "10.1.0.6", 5001, 200);
    }
    t.icmpEcho("ping", T0 + 10 * SECOND, client, web, true, 56)
        .icmpEcho("ping", T0 + 10 * SECOND + MS, web, client, false, 56)
        .icmpEcho("ping", T0 + 11 * SECOND, client, web, true, 56)
        .icmpEcho("ping", T0 + 11 * SECOND + MS, web, client, false, 56);
    t.udp("ipv6", T0 + 60 * SECOND, "2001:db8::1", 6000, "2001:db8::2", 7000, 100)
        .udp("ipv6", T0 + 60 * SECOND + 500 * MS, "2001:db8::2", 7000, "2001:db8::1", 6000, 900)
        .udp("ipv6", T0 + 61 * SECOND, "2001:db8::1", 6000, "2001:db8::2", 7000, 100);
    t.tcp("midstream", T0 + 90 * SECOND, "10.1.0.7", 443, "10.1.0.8", 51000, PSH | ACK, 300)
        .tcp("midstream", T0 + 90 * SECOND + 40 * MS, "10.1.0.8", 51000, "10.1.0.7", 443, ACK, 0);
    return t;
  }

  // ---- headline ----

  @Test
  void headlineNumbersAreThePacketsWritten() throws Exception {
    List<Sent> sent = traffic.sent();
    assertEquals(flowsWritten().size(), headline("total-flows"));
    assertEquals(sent.size(), headline("total-packets"));
    assertEquals(sent.stream().mapToLong(Sent::wireBytes).sum(), headline("total-bytes"));
    assertEquals(sent.stream().mapToLong(Sent::payloadBytes).sum(), headline("payload-bytes"));
    assertEquals(sent.stream().flatMap(s -> Stream.of(s.src(), s.dst())).distinct().count(), headline("hosts"));
    assertEquals(3, headline("protocols"));
    long bidirectional = flowsWritten().values().stream()
        .filter(packets -> packets.stream().map(Sent::src).distinct().count() > 1).count();
    assertEquals(bidirectional, headline("bidirectional-flows"));
    assertEquals(125_000_000L, headline("span-us"));
  }

  // ---- protocol mix ----

  @Test
  void protocolMixSegmentsAndLegendAreThePacketsWrittenPerProtocol() throws Exception {
    Map<String, List<Sent>> byProtocol = traffic.sent().stream().collect(Collectors.groupingBy(Sent::protocol));
    Map<String, Long> flowCounts = flowsWritten().values().stream()
        .collect(Collectors.groupingBy(packets -> packets.get(0).protocol(), Collectors.counting()));
    assertEquals(byProtocol.keySet(), Set.copyOf(strings("//*[@id='protocol-table']//tr/@data-protocol")));
    for (Map.Entry<String, List<Sent>> protocol : byProtocol.entrySet()) {
      String segment = "//*[@id='chart-protocols']//*[local-name()='rect'][@data-protocol='" + protocol.getKey()
          + "']";
      assertEquals(flowCounts.get(protocol.getKey()), number(segment + "/@data-flows"), protocol.getKey());
      assertEquals(protocol.getValue().size(), number(segment + "/@data-packets"), protocol.getKey());
      assertEquals(protocol.getValue().stream().mapToLong(Sent::wireBytes).sum(), number(segment + "/@data-bytes"),
          protocol.getKey());
    }
  }

  // ---- top talkers ----

  @Test
  void talkersAreTheAddressesByBytesSentAndReceived() throws Exception {
    Map<String, long[]> perAddress = new TreeMap<>();
    for (Sent s : traffic.sent()) {
      perAddress.computeIfAbsent(s.src(), a -> new long[2])[0] += s.wireBytes();
      perAddress.computeIfAbsent(s.dst(), a -> new long[2])[1] += s.wireBytes();
    }
    List<String> expectedOrder = perAddress.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
        .limit(10).map(Map.Entry::getKey).collect(Collectors.toList());
    assertEquals(expectedOrder, strings("//*[@id='chart-talkers']//*[local-name()='rect'][@data-sent]/@data-address"));
    for (String address : expectedOrder) {
      String bar = "//*[@id='chart-talkers']//*[local-name()='rect'][@data-address='" + address + "']";
      assertEquals(perAddress.get(address)[0], number(bar + "/@data-sent"), address);
      assertEquals(perAddress.get(address)[1], number(bar + "/@data-received"), address);
    }
  }

  // ---- durations and sizes ----

  @Test
  void durationHistogramCountsFlowsPerDecade() throws Exception {
    Map<Integer, Long> expected = new TreeMap<>();
    for (List<Sent> packets : flowsWritten().values()) {
      long durationNs = packets.get(packets.size() - 1).timestampNs() - packets.get(0).timestampNs();
      expected.merge(decade(durationNs), 1L, Long::sum);
    }
    // The chart draws every decade from the shortest to the longest flow, empty ones as zero-height columns.
    // The IPv6 exchange lasts exactly 1 s: the edge belongs to the decade it starts.
    assertEquals(Map.of(LogBins.ZERO_DURATION, 3L, -4, 1L, -3, 1L, -2, 1L, -1, 1L, 0, 2L, 2, 1L), expected);
    for (int k : List.of(LogBins.ZERO_DURATION, -4, -3, -2, -1, 0, 1, 2)) {
      assertEquals(expected.getOrDefault(k, 0L),
          number("//*[@id='chart-durations']//*[local-name()='rect'][@data-bin='" + k + "']/@data-flows"), "bin " + k);
    }
    assertEquals(8, count("//*[@id='chart-durations']//*[local-name()='rect'][@data-bin]"));
  }

  @Test
  void sizeHistogramCountsFlowsPerPowerOfTwo() throws Exception {
    Map<Integer, Long> expected = new TreeMap<>();
    for (List<Sent> packets : flowsWritten().values()) {
      long bytes = packets.stream().mapToLong(Sent::wireBytes).sum();
      expected.merge(63 - Long.numberOfLeadingZeros(bytes), 1L, Long::sum);
    }
    int lowest = ((TreeMap<Integer, Long>) expected).firstKey();
    int highest = ((TreeMap<Integer, Long>) expected).lastKey();
    for (int k = lowest; k <= highest; k++) {
      assertEquals(expected.getOrDefault(k, 0L),
          number("//*[@id='chart-sizes']//*[local-name()='rect'][@data-bin='" + k + "']/@data-flows"), "bin " + k);
    }
    assertEquals(highest - lowest + 1, count("//*[@id='chart-sizes']//*[local-name()='rect'][@data-bin]"));
  }

  // ---- traffic over time ----

  @Test
  void timelineSpreadsEachFlowOverItsLifetimeInTwoSecondBuckets() throws Exception {
    // 125 s: 1 s buckets would make 127 (more than 100), 2 s buckets from the even second before T0 make 64.
    long width = 2_000_000L;
    long origin = Math.floorDiv(T0 / 1000, width) * width;
    double[] packets = new double[64];
    double[] bytes = new double[64];
    for (List<Sent> flow : flowsWritten().values()) {
      long start = flow.get(0).timestampNs() / 1000;
      long end = flow.get(flow.size() - 1).timestampNs() / 1000;
      long flowBytes = flow.stream().mapToLong(Sent::wireBytes).sum();
      for (int b = 0; b < packets.length; b++) {
        long from = origin + b * width;
        double share = end == start ? (start >= from && start < from + width ? 1 : 0)
            : Math.max(0, Math.min(end, from + width) - Math.max(start, from)) / (double) (end - start);
        packets[b] += share * flow.size();
        bytes[b] += share * flowBytes;
      }
    }
    for (String chart : List.of("chart-packets-over-time", "chart-bytes-over-time")) {
      assertEquals(64, count("//*[@id='" + chart + "']//*[local-name()='rect'][@data-bucket]"), chart);
      assertEquals(origin, number("//*[@id='" + chart + "']//*[local-name()='rect'][@data-bucket='0']/@data-start-us"));
      assertEquals(origin + 63 * width,
          number("//*[@id='" + chart + "']//*[local-name()='rect'][@data-bucket='63']/@data-start-us"));
    }
    double packetSum = 0;
    for (int b = 0; b < packets.length; b++) {
      String column = "[@data-bucket='" + b + "']";
      double shownPackets = decimal("//*[@id='chart-packets-over-time']//*[local-name()='rect']" + column
          + "/@data-packets");
      assertEquals(packets[b], shownPackets, 1e-3, "packets in bucket " + b);
      assertEquals(bytes[b], decimal("//*[@id='chart-bytes-over-time']//*[local-name()='rect']" + column
          + "/@data-bytes"), 1e-3 * Math.max(1, bytes[b]), "bytes in bucket " + b);
      packetSum += shownPackets;
    }
    assertEquals(traffic.sent().size(), packetSum, 1e-2);
  }

  // ---- connection states ----

  @Test
  void tcpStatesAreTheHandBuiltConnections() throws Exception {
    assertEquals(List.of("Closed", "Attempted", "Rejected", "Midstream"),
        strings("//*[@id='chart-states']//*[local-name()='rect']/@data-state"));
    assertEquals(1, number(state("Closed")));
    assertEquals(3, number(state("Attempted")));
    assertEquals(1, number(state("Rejected")));
    assertEquals(1, number(state("Midstream")));
  }

  private static String state(String name) {
    return "//*[@id='chart-states']//*[local-name()='rect'][@data-state='" + name + "']/@data-flows";
  }

  // ---- the page itself ----

  @Test
  void titleIsEscapedAndPageIsSelfContained() throws Exception {
    assertEquals(TITLE, text("/html/head/title"));
    assertEquals(TITLE, text("//*[@id='title']"));
    assertFalse(html.contains("<b>"));
    for (String external : List.of("<script", "<link", "<img", "<iframe", "://", "url(", "@import")) {
      assertFalse(html.contains(external), external);
    }
    assertEquals(7, count("//*[local-name()='svg'][@class='chart']"));
  }

  @Test
  void reportReplacedTheOldFileAndLeftNothingElse() throws Exception {
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    try (Stream<Path> files = Files.list(report.getParent())) {
      assertEquals(List.of(report), files.collect(Collectors.toList()));
    }
  }

  @Test
  void emptyFlowTableGivesAPageThatSaysSo(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty.html");
    HtmlReport.write(flows.where("false"), "nothing", empty);
    Document emptyPage = parse(empty);
    XPath xpath = XPathFactory.newInstance().newXPath();
    assertEquals("0", xpath.evaluate("//*[@id='total-flows']/@data-value", emptyPage));
    assertEquals("No flows", xpath.evaluate("//*[@id='no-flows']/h2", emptyPage));
    assertEquals(0.0, (Double) xpath.evaluate("count(//*[local-name()='svg'])", emptyPage, XPathConstants.NUMBER));
  }

  @Test
  void aReportNameOfTheLongestLengthIsWrittenAndLeavesNothingElse(@TempDir Path dir) throws Exception {
    // 255 bytes, the most a file name may have: ".<name>.<uuid>.tmp" beside it would be 297
    Path longest = dir.resolve("h".repeat(250) + ".html");
    HtmlReport.write(flows.where("false"), "nothing", longest);
    assertTrue(Files.readString(longest).startsWith("<!DOCTYPE html>"));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(longest), files.collect(Collectors.toList()));
    }
  }

  @Test
  void unwritableTargetFailsWithoutLeavingAFile(@TempDir Path dir) {
    Path missingDirectory = dir.resolve("no-such-dir").resolve("report.html");
    UncheckedIOException error =
        assertThrows(UncheckedIOException.class, () -> HtmlReport.write(flows.where("false"), "x", missingDirectory));
    assertTrue(error.getMessage().contains(missingDirectory.toString()), error.getMessage());
    assertFalse(Files.exists(missingDirectory.getParent()));
  }

  // ---- in a browser ----

  /**
   * Headless Chromium lays the page out; a probe script added to a copy of it writes each chart's box and how many
   * of its rectangles got a non-empty box, then a screenshot of the whole page must show each chart's own fill
   * colours inside that chart's box.
   */
  @Test
  void chartsRenderInHeadlessChromium(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.installed(), "no " + HeadlessChromium.BINARY);
    Path probe = dir.resolve("probe.html");
    Files.writeString(probe, html.replace("</body>", ChartProbe.SCRIPT + "</body>"), StandardCharsets.UTF_8);
    Map<String, ChartProbe.Box> boxes = ChartProbe.read(HeadlessChromium.dumpDom(probe, dir, ChartProbe.WINDOW_WIDTH));
    ChartProbe.Box whole = boxes.remove(ChartProbe.PAGE);
    List<String> charts = strings("//*[local-name()='svg'][@class='chart']/@id");
    assertEquals(Set.copyOf(charts), boxes.keySet());

    BufferedImage shot = ImageIO.read(HeadlessChromium.screenshot(probe, dir, ChartProbe.WINDOW_WIDTH,
        (int) Math.ceil(whole.height()), dir.resolve("report.png")).toFile());
    for (String chart : charts) {
      ChartProbe.Box box = boxes.get(chart);
      String rects = "//*[@id='" + chart + "']//*[local-name()='rect']";
      int drawn = count(rects + "[@height!='0.0'][@width!='0.0']");
      assertTrue(box.width() > 600 && box.height() > 80, chart + " is " + box);
      assertEquals(drawn, box.marks(), chart + ": rectangles with a rendered box");
      Set<Integer> fills = new HashSet<>();
      for (String fill : strings(rects + "/@fill")) {
        fills.add(Integer.parseInt(fill.substring(1), 16));
      }
      assertTrue(ChartProbe.pixelsIn(shot, box, fills) > 200, chart + " shows too little of its colours");
    }
  }

  // ---- helpers ----

  /** The test's own flows: packets by the flow name they were written for, in time order. */
  static Map<String, List<Sent>> flowsWritten() {
    return traffic.sent().stream().sorted((a, b) -> Long.compare(a.timestampNs(), b.timestampNs()))
        .collect(Collectors.groupingBy(Sent::flow, TreeMap::new, Collectors.toList()));
  }

  /** The decade k with 10^k s ≤ d &lt; 10^(k+1) s, in whole nanoseconds; zero has its own bin. */
  private static int decade(long durationNs) {
    if (durationNs == 0) {
      return LogBins.ZERO_DURATION;
    }
    int k = -9;
    for (long edge = 10; edge <= durationNs; edge *= 10) {
      k++;
    }
    return k;
  }

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static long headline(String id) throws Exception {
    return number("//*[@id='" + id + "']/@data-value");
  }

  private static long number(String xpath) throws Exception {
    String value = text(xpath);
    assertFalse(value.isEmpty(), "nothing at " + xpath);
    return Long.parseLong(value);
  }

  private static double decimal(String xpath) throws Exception {
    String value = text(xpath);
    assertFalse(value.isEmpty(), "nothing at " + xpath);
    return Double.parseDouble(value);
  }

  private static String text(String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, page);
  }

  private static int count(String xpath) throws Exception {
    return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET))
        .getLength();
  }

  private static List<String> strings(String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getNodeValue() != null ? nodes.item(i).getNodeValue()
          : ((Element) nodes.item(i)).getTextContent());
    }
    return values;
  }
}
