package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Flows are whole: the same rows (every column) whatever the input splits and shuffle partitions, and across two
 * files read as one capture. The capture is generated from a seeded plan of conversations in bursts; bursts of
 * one conversation are 61-200 s apart, so each burst is exactly one flow, and the plan gives the expected flow
 * and packet counts.
 */
class FlowJobSplitTest {
  private static final long T0 = 1_795_735_245_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static SparkSession spark;
  private static Path dir;
  private static Path whole;
  private static Path firstHalf;
  private static Path secondHalf;
  private static Path evenPackets;
  private static Path oddPackets;
  private static int packets;
  private static int bursts;

  /** One planned packet: when, in file order, and its frame. */
  private record Planned(long nanos, byte[] frame) {}

  @BeforeAll
  static void generate(@TempDir Path tempDir) throws Exception {
    spark = LocalSpark.start("FlowJobSplitTest");
    dir = tempDir;
    Random random = new Random(20261127);
    List<Planned> plan = new ArrayList<>();
    for (int conversation = 0; conversation < 120; conversation++) {
      String a = "10.1." + (conversation / 50) + "." + (conversation % 50 + 1);
      String b = "192.0.2." + (conversation % 7 + 1);
      String a6 = "2001:db8::" + Integer.toHexString(conversation + 1);
      int kind = conversation % 4;
      long start = T0 + random.nextInt(300) * SECOND;
      int burstCount = 1 + random.nextInt(3);
      for (int burst = 0; burst < burstCount; burst++) {
        int length = 2 + random.nextInt(30);
        long t = start;
        for (int i = 0; i < length; i++) {
          boolean forward = random.nextInt(3) != 0;
          byte[] frame;
          switch (kind) {
            case 0:
              int flags = i == 0 ? Frames.SYN : Frames.ACK | (i % 5 == 0 ? Frames.PSH : 0);
              frame = forward || i == 0
                  ? Frames.tcp4(a, 40000 + conversation, b, 443, flags, random.nextInt(1400))
                  : Frames.tcp4(b, 443, a, 40000 + conversation, flags, random.nextInt(1400));
              break;
            case 1:
              frame = forward ? Frames.udp4(a, 5000 + conversation, b, 53, random.nextInt(500))
                  : Frames.udp4(b, 53, a, 5000 + conversation, random.nextInt(500));
              break;
            case 2:
              frame = forward ? Frames.icmp4(a, b, random.nextInt(100))
                  : Frames.icmp4(b, a, random.nextInt(100));
              break;
            default:
              frame = forward ? Frames.udp6(a6, 6000, "2001:db8::ffff", 123, random.nextInt(200))
                  : Frames.udp6("2001:db8::ffff", 123, a6, 6000, random.nextInt(200));
          }
          plan.add(new Planned(t, frame));
          // some packets share a timestamp: ties keep file order
          t += random.nextInt(4) == 0 ? 0 : random.nextInt(2_000_000_000);
        }
        bursts++;
        start = t + 61 * SECOND + random.nextInt(140) * SECOND;
      }
    }
    plan.sort((x, y) -> Long.compare(x.nanos, y.nanos));
    // a little disorder in file order, as captures from several queues have: swap a few neighbours
    for (int i = 1; i < plan.size(); i += 37) {
      Planned earlier = plan.get(i - 1);
      plan.set(i - 1, plan.get(i));
      plan.set(i, earlier);
    }
    packets = plan.size();
    CaptureFileWriter.Pcap all = Frames.capture();
    CaptureFileWriter.Pcap first = Frames.capture();
    CaptureFileWriter.Pcap second = Frames.capture();
    CaptureFileWriter.Pcap even = Frames.capture();
    CaptureFileWriter.Pcap odd = Frames.capture();
    // packets of one timestamp stay in one file: across files, one capture orders ties by file name instead
    java.util.Map<Long, Integer> fileOfTime = new java.util.HashMap<>();
    for (int i = 0; i < plan.size(); i++) {
      all.packet(plan.get(i).nanos, plan.get(i).frame);
      (i < plan.size() / 2 ? first : second).packet(plan.get(i).nanos, plan.get(i).frame);
      int evenOrOdd = fileOfTime.computeIfAbsent(plan.get(i).nanos, t -> fileOfTime.size() % 2);
      (evenOrOdd == 0 ? even : odd).packet(plan.get(i).nanos, plan.get(i).frame);
    }
    whole = dir.resolve("whole.pcap");
    firstHalf = dir.resolve("a-first.pcap");
    secondHalf = dir.resolve("b-second.pcap");
    all.write(whole);
    first.write(firstHalf);
    second.write(secondHalf);
    evenPackets = even.write(dir.resolve("even.pcap"));
    oddPackets = odd.write(dir.resolve("odd.pcap"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void sameFlowsForAnySplitsAndPartitions() throws Exception {
    assertTrue(Files.size(whole) > 200_000, "capture too small to split: " + Files.size(whole));
    List<String> reference = flows(List.of(whole), "1g", 1, FlowJobOptions.defaults());
    assertEquals(bursts, reference.size());
    assertEquals(packets, totalPackets(List.of(whole), "1g", 1, FlowJobOptions.defaults()));
    assertEquals(reference, flows(List.of(whole), "20000", 7, FlowJobOptions.defaults()));
    assertEquals(reference, flows(List.of(whole), "1500", 3, FlowJobOptions.defaults()));
  }

  @Test
  void twoFilesReadAsOneCaptureGiveTheFlowsOfTheWholeCapture() {
    List<String> reference = flows(List.of(whole), "1g", 2, FlowJobOptions.defaults());
    assertEquals(reference, flows(List.of(firstHalf, secondHalf), "20000", 5, FlowJobOptions.defaults()));
  }

  /**
   * Two captures of the same traffic taken side by side (every other timestamp in each, both spanning the whole
   * time), read as one capture: the flows of most keys interleave across the two files, which no seam join can
   * decide, so the job rebuilds those keys from their packets in time order.
   */
  @Test
  void interleavedFilesReadAsOneCaptureGiveTheFlowsOfTheWholeCapture() {
    List<String> reference = flows(List.of(whole), "1g", 2, FlowJobOptions.defaults());
    assertSameFlows(reference, flows(List.of(evenPackets, oddPackets), "30000", 4, FlowJobOptions.defaults()));
  }

  /**
   * Releasing a run deletes what it kept of the table, the rebuilt keys' part too, and the table can still be
   * read: its rows are made again from the input.
   */
  @Test
  void releasedRunKeepsNothingAndReadsTheSameRowsAgain() {
    List<String> reference = flows(List.of(whole), "1g", 2, FlowJobOptions.defaults());
    spark.conf().set("spark.sql.shuffle.partitions", "4");
    Set<Integer> before = new HashSet<>(persistent());
    FlowJobRun run = FlowJob.run(spark.read().format("pcap").option("maxPartitionBytes", "30000")
        .load(evenPackets.toString(), oddPackets.toString()), FlowJobOptions.defaults());
    Set<Integer> kept = new HashSet<>(persistent());
    kept.removeAll(before);
    // the folded flows and the keys rebuilt from their packets (interleaved files)
    assertEquals(2, kept.size(), "tables kept: " + kept);
    run.release();
    Set<Integer> left = new HashSet<>(persistent());
    left.retainAll(kept);
    assertTrue(left.isEmpty(), "still kept after release: " + left);
    assertSameFlows(reference, run.flows().collectAsList().stream().map(row -> row.mkString(",")).sorted()
        .collect(Collectors.toList()));
  }

  private static Set<Integer> persistent() {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet();
  }

  /** Equal lists, or a failure that names only the rows that differ. */
  private static void assertSameFlows(List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<>(expected);
    missing.removeAll(actual);
    List<String> extra = new ArrayList<>(actual);
    extra.removeAll(expected);
    assertTrue(missing.isEmpty() && extra.isEmpty() && expected.size() == actual.size(),
        expected.size() + " flows expected, " + actual.size() + " made; missing " + missing + ", unexpected " + extra);
  }

  /**
   * With more input splits than shuffle partitions the fold has a partition per split, so a fold task holds about
   * one split's flows however large the input (with a fixed count it held a share of all of them, and spilled).
   */
  @Test
  void foldHasAPartitionPerSplitWhenSplitsOutnumberShufflePartitions() {
    List<String> reference = flows(List.of(whole), "1g", 2, FlowJobOptions.defaults());
    int splits = spark.read().format("pcap").option("maxPartitionBytes", "20000").load(whole.toString()).rdd()
        .getNumPartitions();
    assertTrue(splits > 2, splits + " splits");
    Dataset<Row> table = flowTable(List.of(whole), "20000", 2, FlowJobOptions.defaults());
    // the fold's partitions, and those of any keys rebuilt from their packets
    int partitions = table.rdd().getNumPartitions();
    assertTrue(partitions >= splits, partitions + " partitions of flows from " + splits + " splits");
    assertSameFlows(reference, table.collectAsList().stream().map(row -> row.mkString(",")).sorted()
        .collect(Collectors.toList()));
  }

  @Test
  void filesKeptApartNeverShareAFlow() {
    FlowJobOptions apart = FlowJobOptions.defaults().withFilesKeptApart(true);
    List<String> both = flows(List.of(firstHalf, secondHalf), "20000", 5, apart);
    List<String> separately = new ArrayList<>(flows(List.of(firstHalf), "1g", 1, apart));
    separately.addAll(flows(List.of(secondHalf), "1g", 1, apart));
    assertEquals(separately.stream().sorted().collect(Collectors.toList()), both);
    // flows alive at the cut are cut in two, so there are more than in the whole capture
    assertTrue(both.size() > bursts, both.size() + " flows kept apart, " + bursts + " in the whole capture");
    assertTrue(both.stream().allMatch(f -> f.endsWith(",a-first.pcap") || f.endsWith(",b-second.pcap")));
    assertEquals(packets, totalPackets(List.of(firstHalf, secondHalf), "20000", 5, apart));
  }

  /** The flow rows, every column as text, sorted. */
  private static List<String> flows(List<Path> files, String maxPartitionBytes, int shufflePartitions,
      FlowJobOptions options) {
    return flowTable(files, maxPartitionBytes, shufflePartitions, options).collectAsList().stream()
        .map(row -> row.mkString(",")).sorted().collect(Collectors.toList());
  }

  private static long totalPackets(List<Path> files, String maxPartitionBytes, int shufflePartitions,
      FlowJobOptions options) {
    return flowTable(files, maxPartitionBytes, shufflePartitions, options).agg(
        org.apache.spark.sql.functions.sum("total_packets")).first().getLong(0);
  }

  private static Dataset<Row> flowTable(List<Path> files, String maxPartitionBytes, int shufflePartitions,
      FlowJobOptions options) {
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
    Dataset<Row> packets = spark.read().format("pcap").option("maxPartitionBytes", maxPartitionBytes)
        .load(files.stream().map(Path::toString).toArray(String[]::new));
    return FlowJob.flows(packets, options);
  }
}
