package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * With no timeout, TCP and UDP flows against tshark's own conversation table ({@code conv.sh}, oracle README
 * section 1): per flow, packets and bytes in each direction, on every corpus file where the oracle README says
 * tshark and flows_from_fields.py agree (the {@value OracleCorpus#AGREEING_FILES} rows of
 * {@code corpus_crosscheck.tsv} with {@code agree = yes}). One flow job reads them all (files kept apart) while
 * tshark runs two files at a time. Skipped when ../shared/corpus or tshark is missing.
 *
 * <p>tshark's side A is the sender of a conversation's first frame and its start is relative to the file's first
 * frame; ours is the initiator and an absolute time. Conversations are therefore matched by protocol, unordered
 * endpoints and absolute start (the file's first frame time, read by the pcap source, plus tshark's relative
 * start), and directions by endpoint (start within 1 µs, see {@link #unmatched}). Files where the two differ
 * are listed with the reason in {@link #expectedDifferences}, and the test checks that they still differ (a stale
 * entry fails).
 */
class FlowConversationOracleTest {
  private static final long START_TOLERANCE_MICROS = 1;

  /**
   * Files whose flows differ from tshark's conversations, and why. The cross-check agrees on them because it
   * compares totals per 5-tuple; this test compares each conversation and each direction.
   */
  private static Map<String, String> expectedDifferences(Path shared) throws IOException {
    Map<String, String> differences = OracleCorpus.readerDifferences(shared);
    OracleCorpus.because(differences, OracleCorpus.MACSEC, "tcpdump/macsec-short-shorter.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("129 (ARCNET)"),
        "tcpdump/arcnet-rfc1201-arp-icmp-http.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("178 (Juniper Ethernet)"),
        "tcpdump/bgp-aigp.pcap");
    OracleCorpus.because(differences, OracleCorpus.undecodedLinkType("242 (IP over InfiniBand)"), "tcpdump/ipoib.pcap");
    OracleCorpus.because(differences, "TCP port reuse without a close: tshark starts a new stream on a SYN whose"
            + " sequence number differs; the flow contract starts a new flow only after a RST or both FINs",
        "nfstream/vnc.pcap");
    return differences;
  }

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("FlowConversationOracleTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void tcpAndUdpFlowsWithoutTimeoutEqualTsharkConversations(@TempDir Path work) throws Exception {
    Path shared = OracleCorpus.sharedOrSkip("conv.sh");
    Path oracle = shared.resolve("oracle");
    List<Path> files = OracleCorpus.agreeingFiles(shared);
    Map<Path, List<String>> tables;
    Map<Path, List<Row>> rows;
    Map<Path, Long> firstFrameNanos;
    String timing;
    try (OracleCorpus.Background<List<String>> tsharkRun =
        new OracleCorpus.Background<>(files, file -> conv(oracle, file, work))) {
      long start = System.nanoTime();
      firstFrameNanos = firstFrameNanos(files);
      rows = OracleCorpus.flowsByFile(spark, files, FlowJobOptions.defaults().withoutIdleTimeout(),
          "protocol IN ('TCP', 'UDP')", "protocol", "src_ip", "coalesce(src_port, -1)", "dst_ip",
          "coalesce(dst_port, -1)", "unix_micros(start_time)", "forward_packets", "forward_bytes",
          "backward_packets", "backward_bytes");
      long flowJobDone = System.nanoTime();
      tables = tsharkRun.results();
      timing = String.format(Locale.ROOT, "flow job %.0f s, then %.0f s waiting for tshark",
          (flowJobDone - start) / 1e9, (System.nanoTime() - flowJobDone) / 1e9);
    }

    List<String> differing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int compared = 0;
    for (Path file : files) {
      Map<String, List<Long>> expected = conversationKeys(tables.get(file), firstFrameNanos.getOrDefault(file, 0L));
      Map<String, List<Long>> actual = new TreeMap<>();
      for (Row r : rows.get(file)) {
        String flow = OracleCorpus.flowText(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
            r.getInt(5), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10));
        actual.computeIfAbsent(flow, k -> new ArrayList<>()).add(r.getLong(6));
      }
      compared += expected.values().stream().mapToInt(List::size).sum();
      List<String> onlyTshark = new ArrayList<>();
      List<String> onlyOurs = new ArrayList<>();
      unmatched(expected, actual, onlyTshark, onlyOurs);
      if (!onlyTshark.isEmpty() || !onlyOurs.isEmpty()) {
        String name = shared.resolve("corpus").relativize(file).toString();
        differing.add(name);
        report.append(name).append(": ").append(onlyTshark.size()).append(" tshark conversations unmatched ")
            .append(onlyTshark.stream().limit(3).collect(Collectors.toList())).append("; ").append(onlyOurs.size())
            .append(" of ours unmatched ").append(onlyOurs.stream().limit(3).collect(Collectors.toList()))
            .append('\n');
      }
    }
    System.err.println("FlowConversationOracleTest: " + files.size() + " files, " + compared
        + " conversations (" + timing + "); differing " + differing + "\n" + report);
    assertTrue(compared > 5_000, "too few conversations compared: " + compared);
    differing.sort(null);
    assertEquals(new ArrayList<>(expectedDifferences(shared).keySet()), differing, report.toString());
  }

  /**
   * Each file's first frame time in file order, read by the pcap source: tshark's relative start counts from it.
   * Absent for a file without timed frames, which has no conversations either.
   */
  private static Map<Path, Long> firstFrameNanos(List<Path> files) {
    Map<String, Path> byPath = new HashMap<>();
    for (Path file : files) {
      byPath.put(file.toUri().getPath(), file);
    }
    Map<Path, Long> first = new HashMap<>();
    Dataset<Row> packets = spark.read().format("pcap")
        .load(files.stream().map(Path::toString).toArray(String[]::new));
    for (Row r : packets.where("timestamp_ns IS NOT NULL").groupBy("file_path")
        .agg(expr("min_by(timestamp_ns, file_offset)")).collectAsList()) {
      first.put(byPath.get(new org.apache.hadoop.fs.Path(r.getString(0)).toUri().getPath()), r.getLong(1));
    }
    return first;
  }

  private static List<String> conv(Path oracle, Path file, Path work) throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, file.getFileName().toString(), ".conv.tsv");
    OracleCorpus.run(List.of("bash", oracle.resolve("conv.sh").toString(), file.toString()), out);
    List<String> table = Files.readAllLines(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return table;
  }

  /**
   * The TCP and UDP rows of a conv.sh table as comparable keys with their multiplicity. A row whose bytes
   * conv.sh could not recover exactly ({@code approx}) keeps its printed number and so will not match.
   */
  private static Map<String, List<Long>> conversationKeys(List<String> lines, long firstFrameNanos) {
    Map<String, List<Long>> keys = new TreeMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t");
      if (!c[0].equals("tcp") && !c[0].equals("udp")) {
        continue;
      }
      long startMicros = Math.floorDiv(firstFrameNanos + OracleCorpus.parseNanos(c[7]), 1000L);
      keys.computeIfAbsent(OracleCorpus.flowText(c[0].toUpperCase(Locale.ROOT), c[1], Integer.parseInt(c[2]), c[3],
          Integer.parseInt(c[4]), Long.parseLong(c[9]), Long.parseLong(c[10]), Long.parseLong(c[11]),
          Long.parseLong(c[12])), k -> new ArrayList<>()).add(startMicros);
    }
    return keys;
  }

  /**
   * Pairs each tshark conversation with a flow of the same text whose start is within {@value #START_TOLERANCE_MICROS}
   * µs, and collects what is left on either side. The tolerance is there because tshark's relative start is a
   * difference of floating-point epoch seconds (one part in 2^53 of 1.5e9 s is about 0.2 µs), so on µs captures it
   * can land one µs below the frame's time.
   */
  private static void unmatched(Map<String, List<Long>> tshark, Map<String, List<Long>> ours, List<String> onlyTshark,
      List<String> onlyOurs) {
    Set<String> texts = new TreeSet<>(tshark.keySet());
    texts.addAll(ours.keySet());
    for (String text : texts) {
      List<Long> expected = new ArrayList<>(tshark.getOrDefault(text, List.of()));
      List<Long> actual = new ArrayList<>(ours.getOrDefault(text, List.of()));
      expected.sort(null);
      actual.sort(null);
      int e = 0;
      int a = 0;
      while (e < expected.size() && a < actual.size()) {
        long gap = expected.get(e) - actual.get(a);
        if (Math.abs(gap) <= START_TOLERANCE_MICROS) {
          e++;
          a++;
        } else if (gap < 0) {
          onlyTshark.add(text + " @" + expected.get(e++));
        } else {
          onlyOurs.add(text + " @" + actual.get(a++));
        }
      }
      expected.subList(e, expected.size()).forEach(start -> onlyTshark.add(text + " @" + start));
      actual.subList(a, actual.size()).forEach(start -> onlyOurs.add(text + " @" + start));
    }
  }
}
