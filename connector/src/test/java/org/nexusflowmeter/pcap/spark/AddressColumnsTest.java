package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc791Tos;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/**
 * The address text columns (rows referring to the address cache's arrays) against the addresses pcap4j built the
 * frames from, on a capture of more distinct MAC, IPv4 and IPv6 addresses than the address cache has slots,
 * in random order: slots change hands inside a batch, and the same address recurs inside a batch. Read through
 * column batches (default size, and one batch for the whole file) and through the row reader.
 */
class AddressColumnsTest {
  private static final int PACKETS = 40_000;
  /** Sources recur often (hits in a batch), destinations seldom (misses and slot takeovers). */
  private static final int SOURCES = 3_000;
  private static final int DESTINATIONS = 40_000;
  private static final String[] ADDRESS_COLUMNS = {"src_mac", "dst_mac", "src_ip", "dst_ip"};

  private static SparkSession spark;
  private static Path capture;
  /** Per packet, in file order: src_mac, dst_mac, src_ip, dst_ip as the frame was built. */
  private static final List<List<String>> expected = new ArrayList<>();

  @TempDir
  static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("AddressColumnsTest");
    Random random = new Random(55);
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
    for (int i = 0; i < PACKETS; i++) {
      int source = random.nextInt(SOURCES);
      int destination = random.nextInt(DESTINATIONS);
      boolean v6 = i % 2 == 1;
      String srcMac = mac(0x02, source);
      String dstMac = mac(0x06, destination);
      String srcIp = v6 ? ipv6(1, source) : ipv4(10, source);
      String dstIp = v6 ? ipv6(2, destination) : ipv4(172, destination);
      pcap.packet(1_700_000_000_000_000_000L + i * 1000L, frame(srcMac, dstMac, srcIp, dstIp, v6));
      expected.add(List.of(srcMac, dstMac, srcIp, dstIp));
    }
    capture = pcap.write(dir.resolve("addresses.pcap"));
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Locally administered MAC 0p:00:00:ii:ii:ii (p the prefix byte, i the index), as pcap4j prints it. */
  private static String mac(int prefix, int index) {
    byte[] bytes = {(byte) prefix, 0, 0, (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
    return MacAddress.getByAddress(bytes).toString();
  }

  private static String ipv4(int first, int index) {
    return first + "." + (index >>> 16) + "." + (index >>> 8 & 0xff) + "." + (index & 0xff);
  }

  /** Groups without zeros or leading zeros, so that the RFC 5952 text is the one written here. */
  private static String ipv6(int network, int index) {
    return "2001:db8:" + network + ":" + Integer.toHexString(index / 4096 + 1) + ":"
        + Integer.toHexString(index % 4096 + 1) + ":a:b:c";
  }

  private static byte[] frame(String srcMac, String dstMac, String srcIp, String dstIp, boolean v6)
      throws UnknownHostException {
    InetAddress src = InetAddress.getByName(srcIp);
    InetAddress dst = InetAddress.getByName(dstIp);
    UdpPacket.Builder udp = new UdpPacket.Builder()
        .srcAddr(src).dstAddr(dst)
        .srcPort(UdpPort.getInstance((short) 5000)).dstPort(UdpPort.getInstance((short) 53))
        .payloadBuilder(new UnknownPacket.Builder().rawData(new byte[4]))
        .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    Packet.Builder ip = v6
        ? new IpV6Packet.Builder()
            .version(IpVersion.IPV6).trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
            .flowLabel(IpV6SimpleFlowLabel.newInstance(0)).nextHeader(IpNumber.UDP).hopLimit((byte) 64)
            .srcAddr((java.net.Inet6Address) src).dstAddr((java.net.Inet6Address) dst).payloadBuilder(udp)
            .correctLengthAtBuild(true)
        : new IpV4Packet.Builder()
            .version(IpVersion.IPV4).ihl((byte) 5).tos(IpV4Rfc791Tos.newInstance((byte) 0))
            .ttl((byte) 64).protocol(IpNumber.UDP)
            .srcAddr((java.net.Inet4Address) src).dstAddr((java.net.Inet4Address) dst).payloadBuilder(udp)
            .correctChecksumAtBuild(true).correctLengthAtBuild(true);
    return new EthernetPacket.Builder()
        .srcAddr(MacAddress.getByName(srcMac)).dstAddr(MacAddress.getByName(dstMac))
        .type(v6 ? EtherType.IPV6 : EtherType.IPV4).payloadBuilder(ip).pad(new byte[0]).build().getRawData();
  }

  private static List<Row> read(boolean columnar, Map<String, String> options) {
    return ColumnarReads.reader(spark, columnar, options).load(capture.toString())
        .select("file_offset", ADDRESS_COLUMNS).orderBy("file_offset").collectAsList();
  }

  private static void assertAddresses(List<Row> rows, String label) {
    assertEquals(PACKETS, rows.size(), label + ": rows");
    for (int i = 0; i < PACKETS; i++) {
      Row row = rows.get(i);
      List<String> actual = List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
      assertEquals(expected.get(i), actual, label + ": packet " + i);
    }
  }

  @Test
  void moreDistinctAddressesThanCacheSlots() {
    Set<String> shortAddresses = new HashSet<>();
    Set<String> ipv6Addresses = new HashSet<>();
    for (List<String> addresses : expected) {
      for (String address : addresses) {
        (address.startsWith("2001:") ? ipv6Addresses : shortAddresses).add(address);
      }
    }
    // the cache has as many slots for MAC and IPv4 addresses as for IPv6 ones
    assertTrue(shortAddresses.size() > AddressTextCache.SLOTS, "MAC and IPv4 addresses: " + shortAddresses.size());
    assertTrue(ipv6Addresses.size() > AddressTextCache.SLOTS, "IPv6 addresses: " + ipv6Addresses.size());
  }

  @Test
  void columnBatchesOfTheDefaultSizeGiveTheBuiltAddresses() {
    assertAddresses(read(true, Map.of()), "columnar, default batch size");
  }

  @Test
  void oneBatchForTheWholeFileGivesTheBuiltAddresses() {
    assertAddresses(read(true, Map.of("batchSize", Integer.toString(PACKETS))), "columnar, one batch");
  }

  @Test
  void theRowReaderGivesTheBuiltAddresses() {
    assertAddresses(read(false, Map.of()), "row reader");
  }

  @Test
  void aGroupingOverTheTextCountsEachBuiltAddress() {
    Map<String, Long> expectedCounts = new HashMap<>();
    for (List<String> addresses : expected) {
      expectedCounts.merge(addresses.get(3), 1L, Long::sum);
    }
    Map<String, Long> counts = new HashMap<>();
    for (Row row : spark.read().format("pcap").load(capture.toString()).groupBy("dst_ip").count().collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    assertEquals(expectedCounts.size(), counts.size(), "distinct dst_ip");
    expectedCounts.forEach((address, count) -> assertEquals(count, counts.get(address), address));
  }
}
