package org.nexusflowmeter.jobs;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Reads captures with the pcap source and prints what they hold: packets, bytes on the wire, time
 * span, packets per IP protocol, top talkers by bytes, and malformed records.
 *
 * <p>Usage: {@code PacketSummary [--master URL] PATH...}. PATH is anything the pcap source loads (a
 * file, a directory, a glob; local, hdfs:// or s3a://). Without --master, and without a master from
 * spark-submit, Spark runs embedded in this JVM ({@code local[*]}).
 */
public final class PacketSummary {
  private static final int TOP_TALKERS = 5;
  private static final int ERRORS_SHOWN = 5;

  private PacketSummary() {}

  public static void main(String[] args) {
    List<String> paths = new ArrayList<>();
    String master = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--master") && i + 1 < args.length) {
        master = args[++i];
      } else {
        paths.add(args[i]);
      }
    }
    if (paths.isEmpty()) {
      System.err.println("usage: PacketSummary [--master URL] PATH...");
      System.exit(2);
    }
    SparkSession.Builder builder = SparkSession.builder().appName("PacketSummary");
    if (master != null) {
      builder.master(master);
    } else if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      TrafficSummary summary = TrafficSummary.of(
          spark.read().format("pcap").load(paths.toArray(new String[0])), TOP_TALKERS, ERRORS_SHOWN);
      print(String.join(" ", paths), summary, System.out);
    } finally {
      spark.stop();
    }
  }

  static void print(String input, TrafficSummary s, PrintStream out) {
    out.println("Capture summary of " + input);
    out.printf("  packets           %,d%n", s.packets);
    out.printf("  bytes on the wire %,d%n", s.wireBytes);
    if (s.firstNs != null) {
      out.printf("  first packet      %s%n", instant(s.firstNs));
      out.printf("  last packet       %s%n", instant(s.lastNs));
      out.printf("  time span         %.6f s%n", (s.lastNs - s.firstNs) / 1e9);
    } else {
      out.println("  time span         (no timestamps)");
    }
    out.println("  packets per protocol");
    for (Map.Entry<String, Long> e : s.packetsByProtocol.entrySet()) {
      out.printf("    %-18s %,d%n", e.getKey(), e.getValue());
    }
    out.println("  top talkers by bytes sent");
    for (TrafficSummary.Talker t : s.topTalkers) {
      out.printf("    %-40s %,d bytes in %,d packets%n", t.address(), t.bytes(), t.packets());
    }
    out.printf("  malformed records %,d%n", s.malformed);
    for (String error : s.firstErrors) {
      out.println("    " + error);
    }
  }

  private static Instant instant(long epochNs) {
    return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L));
  }
}
