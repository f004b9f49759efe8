package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.flow.FlowKey;
import org.nexusflowmeter.flow.PacketView;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Two flow keys of one grouping hash (found by search, as any 32-bit hash has them among a few hundred thousand
 * keys) whose flows alternate in time, among other traffic, split into many segments: the fold must still put
 * each key's pieces together and number its flows in start order. Spark sorts the pieces by the hash alone; the
 * pieces of one hash are ordered by the fold.
 */
class FlowJobHashGroupTest {
  private static final long T0 = 1_795_735_245_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final String SERVER = "192.0.2.53";
  private static final int BURSTS = 3;
  private static final int BURST_PACKETS = 12;

  private static SparkSession spark;
  private static Path capture;
  private static String[] clients;
  private static int[] clientPorts;

  @BeforeAll
  static void generate(@TempDir Path dir) throws Exception {
    spark = LocalSpark.start("FlowJobHashGroupTest");
    findCollidingKeys();
    CaptureFileWriter.Pcap pcap = Frames.capture();
    long t = T0;
    for (int burst = 0; burst < BURSTS; burst++) {
      // the two keys' bursts overlap in time, and other traffic runs between their packets
      for (int i = 0; i < BURST_PACKETS; i++) {
        for (int k = 0; k < 2; k++) {
          boolean forward = i % 3 != 2;
          pcap.packet(t, forward ? Frames.udp4(clients[k], clientPorts[k], SERVER, 53, 30 + i)
              : Frames.udp4(SERVER, 53, clients[k], clientPorts[k], 60 + i));
          t += 100_000_000L;
          pcap.packet(t, Frames.udp4("10.8.0." + (i + 1), 7000 + burst, "198.51.100.7", 9000, 200));
          t += 100_000_000L;
        }
      }
      // past the 60 s idle timeout: the next burst is a new flow of each key
      t += 90 * SECOND;
    }
    capture = pcap.write(dir.resolve("colliding.pcap"));
  }

  /** Two UDP keys (client, port) to {@link #SERVER}:53 whose grouping hashes are equal. */
  private static void findCollidingKeys() throws Exception {
    Map<Long, int[]> seen = new HashMap<>();
    byte[] server = InetAddress.getByName(SERVER).getAddress();
    for (int host = 1; host < 250; host++) {
      byte[] client = {10, 7, (byte) (host >> 8), (byte) host};
      for (int port = 1024; port < 65536; port++) {
        PacketView view = new PacketView();
        view.protocol = 17;
        view.setAddresses(client, server);
        view.srcPort = port;
        view.dstPort = 53;
        long hash = FlowPieces.keyHash("", FlowKey.of(view));
        int[] earlier = seen.putIfAbsent(hash, new int[] {host, port});
        if (earlier != null) {
          clients = new String[] {"10.7.0." + earlier[0], "10.7.0." + host};
          clientPorts = new int[] {earlier[1], port};
          return;
        }
      }
    }
    throw new AssertionError("no two keys of one hash found");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void keysOfOneHashAreFoldedApartInAnySplits() {
    for (String splitBytes : List.of("1g", "1500", "700")) {
      for (int k = 0; k < 2; k++) {
        List<String> expected = new ArrayList<>();
        for (int burst = 0; burst < BURSTS; burst++) {
          expected.add(clients[k] + ":" + clientPorts[k] + " <-> " + SERVER + ":53 (UDP)"
              + (burst == 0 ? "" : " #" + (burst + 1)) + " " + BURST_PACKETS);
        }
        assertEquals(expected, flowsOf(splitBytes, clients[k], clientPorts[k]), "split size " + splitBytes);
      }
    }
  }

  /** The flows of one client port in start order: id and packets. */
  private static List<String> flowsOf(String splitBytes, String client, int port) {
    spark.conf().set("spark.sql.shuffle.partitions", "3");
    List<Row> rows = FlowJob.flows(spark.read().format("pcap").option("maxPartitionBytes", splitBytes)
            .load(capture.toString()), FlowJobOptions.defaults())
        .where("src_ip = '" + client + "' and src_port = " + port)
        .orderBy("start_time").select("flow_id", "total_packets").collectAsList();
    assertTrue(!rows.isEmpty(), "no flows of " + client + ":" + port);
    return rows.stream().map(r -> r.getString(0) + " " + r.getLong(1)).collect(Collectors.toList());
  }
}
