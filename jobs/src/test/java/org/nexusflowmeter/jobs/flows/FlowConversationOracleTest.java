package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * section 1): per flow, packets and bytes in each direction, on every capture of {@code corpus/local} and the first
 * {@value OracleCorpus#NFSTREAM_FILES} {@code corpus/nfstream} captures by name of at most {@value OracleCorpus#MAX_FILE_BYTES} bytes (about
 * 40 s of tshark). Skipped when ../shared/corpus or tshark is missing.
 *
 * <p>tshark's side A is the sender of a conversation's first frame and its start is relative to the file's first
 * frame; ours is the initiator and an absolute time. Conversations are therefore matched by protocol, unordered
 * endpoints and absolute start (the file's first frame time, read by the pcap source, plus tshark's relative start),
 * and directions by endpoint (start within 1 µs, see {@link #unmatched}). The flow job has no "no idle timeout" option, so a timeout of 100 years, longer than
 * any capture's span, stands for it. Files where the two legitimately differ are listed with the reason in
 * {@link #KNOWN_DIFFERENCES}, and the test checks that they still differ (a stale entry fails).
 */
class FlowConversationOracleTest {
  private static final Duration NO_TIMEOUT = Duration.ofDays(365L * 100);
  private static final long START_TOLERANCE_MICROS = 1;

  /**
   * Files whose flows differ from tshark's conversations, and why (oracle README section 3). No file of this
   * selection reuses a TCP port in a way where tshark's stream rule (a new stream on a SYN whose sequence number
   * differs) and ours (a new flow on a SYN after RST or both FINs) part.
   */
  private static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
      "4in4tunnel.pcap", "IP-in-IP: tshark adds the inner TCP/UDP conversation, we key on the outer header",
      "4in6tunnel.pcap", "IPv4-in-IPv6: tshark adds the inner TCP conversation, we key on the outer header",
      "6in4tunnel.pcap", "6in4: tshark adds the inner TCP conversations, we key on the outer header",
      "6in6tunnel.pcap", "IPv6-in-IPv6: tshark adds the inner UDP conversation, we key on the outer header",
      "capwap.pcap", "CAPWAP: tshark adds the DHCP conversation carried inside, we key on the outer header",
      "ajp.pcap", "FabricPath duplicates whose TCP tshark does not tap; we count every frame",
      "dns_fragmented.pcap", "IP fragments: tshark counts a reassembled datagram once, in its last fragment's"
          + " frame; we count the first fragment in the UDP flow and the others in a portless flow",
      "dnscrypt-v1-and-resolver-pings.pcap", "IP fragments, as dns_fragmented.pcap");

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
    List<Path> selection = OracleCorpus.selection(shared.resolve("corpus"));
    Dataset<Row> packets =
        spark.read().format("pcap").load(selection.stream().map(Path::toString).toArray(String[]::new));
    Map<String, Long> firstFrameNanos = firstFrameNanos(packets);

    List<List<String>> tables = OracleCorpus.perFile(selection, file -> conv(oracle, file, work));
    Map<String, Map<String, List<Long>>> conversations = new TreeMap<>();
    for (int i = 0; i < selection.size(); i++) {
      String name = selection.get(i).getFileName().toString();
      conversations.put(name, conversationKeys(tables.get(i), firstFrameNanos.get(name)));
    }

    Map<String, Map<String, List<Long>>> ourFlows = new TreeMap<>();
    for (Path file : selection) {
      ourFlows.put(file.getFileName().toString(), new TreeMap<>());
    }
    List<Row> rows = FlowJob.flows(packets, FlowJobOptions.defaults().withIdleTimeout(NO_TIMEOUT)
            .withFilesKeptApart(true))
        .where("protocol IN ('TCP', 'UDP')")
        .selectExpr("source_file", "protocol", "src_ip", "coalesce(src_port, -1)", "dst_ip",
            "coalesce(dst_port, -1)", "unix_micros(start_time)", "forward_packets", "forward_bytes",
            "backward_packets", "backward_bytes")
        .collectAsList();
    for (Row r : rows) {
      String flow = OracleCorpus.flowText(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), r.getInt(5), r.getLong(7),
          r.getLong(8), r.getLong(9), r.getLong(10));
      ourFlows.get(r.getString(0)).computeIfAbsent(flow, k -> new ArrayList<>()).add(r.getLong(6));
    }

    List<String> differing = new ArrayList<>();
    StringBuilder report = new StringBuilder();
    int compared = 0;
    for (String name : conversations.keySet()) {
      Map<String, List<Long>> expected = conversations.get(name);
      compared += expected.values().stream().mapToInt(List::size).sum();
      List<String> onlyTshark = new ArrayList<>();
      List<String> onlyOurs = new ArrayList<>();
      unmatched(expected, ourFlows.get(name), onlyTshark, onlyOurs);
      if (!onlyTshark.isEmpty() || !onlyOurs.isEmpty()) {
        differing.add(name);
        report.append(name).append(": ").append(onlyTshark.size()).append(" tshark conversations unmatched ")
            .append(onlyTshark.stream().limit(3).collect(Collectors.toList())).append("; ").append(onlyOurs.size())
            .append(" of ours unmatched ").append(onlyOurs.stream().limit(3).collect(Collectors.toList()))
            .append('\n');
      }
    }
    System.err.println("FlowConversationOracleTest: " + selection.size() + " files, " + compared
        + " conversations; differing " + differing + "\n" + report);
    assertTrue(compared > 900, "too few conversations compared: " + compared);
    assertEquals(KNOWN_DIFFERENCES.keySet().stream().sorted().collect(Collectors.toList()), differing,
        report.toString());
  }

  /** Each file's first frame time in file order: tshark's relative start counts from it. */
  private static Map<String, Long> firstFrameNanos(Dataset<Row> packets) {
    Map<String, Long> first = new HashMap<>();
    for (Row r : packets.groupBy("file_path").agg(org.apache.spark.sql.functions.expr(
        "min_by(timestamp_ns, file_offset)")).collectAsList()) {
      String path = r.getString(0);
      first.put(path.substring(path.lastIndexOf('/') + 1), r.getLong(1));
    }
    return first;
  }

  private static List<String> conv(Path oracle, Path file, Path work) throws IOException, InterruptedException {
    Path out = work.resolve(file.getFileName() + ".conv.tsv");
    OracleCorpus.run(List.of("bash", oracle.resolve("conv.sh").toString(), file.toString()), out);
    return Files.readAllLines(out, StandardCharsets.UTF_8);
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
      keys.computeIfAbsent(OracleCorpus.flowText(c[0].toUpperCase(java.util.Locale.ROOT), c[1], Integer.parseInt(c[2]), c[3],
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
    java.util.Set<String> texts = new java.util.TreeSet<>(tshark.keySet());
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
