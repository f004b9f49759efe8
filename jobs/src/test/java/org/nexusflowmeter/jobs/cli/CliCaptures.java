package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.nexusflowmeter.jobs.flows.Frames;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * The hand-built captures of the command's tests, written with the connector's {@link CaptureFileWriter}. The
 * frames (Ethernet, checksums zero) are built here because the jobs tests' {@code Frames} is package-private to
 * {@code org.nexusflowmeter.jobs.flows}. {@link #MIXED} has one flow of each kind the options select on, with
 * known packet counts and frame sizes.
 */
final class CliCaptures {
  private CliCaptures() {}

  private static final long SECOND = 1_000_000_000L;
  private static final int LINKTYPE_ETHERNET = 1;

  /** A flow of {@link #MIXED}: its id in the flow table, packets, and bytes on the wire. */
  static final class Flow {
    final String id;
    final String protocol;
    long packets;
    long bytes;

    Flow(String id, String protocol) {
      this.id = id;
      this.protocol = protocol;
    }
  }

  static final String HTTP = "10.0.0.1:40000 <-> 10.0.0.2:80 (TCP)";
  static final String DNS_UDP = "10.0.0.1:5000 <-> 10.0.0.53:53 (UDP)";
  static final String MDNS = "10.0.0.1:5353 <-> 224.0.0.251:5353 (UDP)";
  static final String LLMNR_TCP = "10.0.0.1:41000 <-> 10.0.0.3:5355 (TCP)";
  static final String DNS_TCP = "10.0.0.1:42000 <-> 10.0.0.53:53 (TCP)";
  static final String OTHER_UDP = "10.0.0.1:6000 <-> 10.0.0.4:9999 (UDP)";
  static final String PING = "10.0.0.1 <-> 10.0.0.2 (ICMP)";
  static final String PING6 = "2001:db8::1 <-> 2001:db8::2 (ICMPv6)";
  static final String ARP = "10.0.0.1 <-> 10.0.0.2 (ARP)";

  /** The flows of {@link #mixed}, by id, in start order. */
  static final Map<String, Flow> MIXED = new LinkedHashMap<>();

  /**
   * Nine flows, 20 packets, one each: ICMP echo + reply (2 packets, starts first), HTTP over TCP (5), DNS over
   * UDP (2), mDNS (1), LLMNR over TCP (1), DNS over TCP (3), UDP to port 9999 (4), ICMPv6 echo (1), ARP (1).
   */
  static CaptureFileWriter.Pcap mixed() {
    MIXED.clear();
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, LINKTYPE_ETHERNET);
    long t = 1_800_000_000L * SECOND;
    add(pcap, t, PING, "ICMP", Frames.icmp4("10.0.0.1", "10.0.0.2", 56));
    add(pcap, t + 1000, PING, "ICMP", Frames.icmp4Reply("10.0.0.2", "10.0.0.1", 56));
    t += SECOND;
    add(pcap, t, DNS_UDP, "UDP", Frames.udp4("10.0.0.1", 5000, "10.0.0.53", 53, 30));
    add(pcap, t + 2000, DNS_UDP, "UDP", Frames.udp4("10.0.0.53", 53, "10.0.0.1", 5000, 90));
    t += SECOND;
    add(pcap, t, HTTP, "TCP", Frames.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, Frames.SYN, 0));
    add(pcap, t + 100, HTTP, "TCP", Frames.tcp4("10.0.0.2", 80, "10.0.0.1", 40000, Frames.SYN | Frames.ACK, 0));
    add(pcap, t + 200, HTTP, "TCP", Frames.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, Frames.ACK, 100));
    add(pcap, t + 300, HTTP, "TCP", Frames.tcp4("10.0.0.2", 80, "10.0.0.1", 40000, Frames.ACK, 1400));
    add(pcap, t + 400, HTTP, "TCP", Frames.tcp4("10.0.0.1", 40000, "10.0.0.2", 80, Frames.FIN | Frames.ACK, 0));
    t += SECOND;
    add(pcap, t, MDNS, "UDP", Frames.udp4("10.0.0.1", 5353, "224.0.0.251", 5353, 40));
    add(pcap, t + 10, LLMNR_TCP, "TCP", Frames.tcp4("10.0.0.1", 41000, "10.0.0.3", 5355, Frames.SYN, 0));
    t += SECOND;
    for (int i = 0; i < 3; i++) {
      add(pcap, t + i, DNS_TCP, "TCP",
          Frames.tcp4("10.0.0.1", 42000, "10.0.0.53", 53, i == 0 ? Frames.SYN : Frames.ACK, 0));
    }
    for (int i = 0; i < 4; i++) {
      add(pcap, t + 10 + i, OTHER_UDP, "UDP", Frames.udp4("10.0.0.1", 6000, "10.0.0.4", 9999, 10 * i));
    }
    add(pcap, t + 20, PING6, "ICMPv6", Frames.icmp6("2001:db8::1", "2001:db8::2", 16));
    add(pcap, t + 30, ARP, "ARP", Frames.arp("10.0.0.1", "10.0.0.2"));
    return pcap;
  }

  /** Two UDP flows of {@code packets} and 1 packet between hosts ending in {@code host}, as a pcapng. */
  static CaptureFileWriter.Pcapng smallPcapng(int host, int packets) {
    CaptureFileWriter.Pcapng pcapng = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section()
        .iface(LINKTYPE_ETHERNET, 65535);
    long micros = 1_800_000_100_000_000L;
    for (int i = 0; i < packets; i++) {
      pcapng.epb(0, micros + i, Frames.udp4("10.1.0." + host, 7000, "10.1.0.100", 7001, 20));
    }
    pcapng.epb(0, micros + packets, Frames.udp4("10.1.0." + host, 7000, "10.1.0.101", 7002, 20));
    return pcapng;
  }

  /** {@code n} packets of one UDP flow from 10.2.0.{@code host}, as a classic pcap. */
  static CaptureFileWriter.Pcap udpFlow(int host, int n) {
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, LINKTYPE_ETHERNET);
    for (int i = 0; i < n; i++) {
      pcap.packet(1_800_000_200L * SECOND + i * 1000L,
          Frames.udp4("10.2.0." + host, 8000, "10.2.0.200", 8001, 8));
    }
    return pcap;
  }

  /**
   * An ARP request and an IPv4 packet of protocol 137, whose name MPLS-in-IP is the longest a flow's protocol
   * has, as a classic pcap.
   */
  static CaptureFileWriter.Pcap arpAndMplsInIp() {
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, LINKTYPE_ETHERNET);
    pcap.packet(1_800_000_300L * SECOND, Frames.arp("10.3.0.1", "10.3.0.2"));
    // offset 0 and no more fragments: a whole datagram
    pcap.packet(1_800_000_301L * SECOND, Frames.ipv4Fragment("10.3.0.1", "10.3.0.2", 137, 1, 0, false, new byte[8]));
    return pcap;
  }

  static Path gzip(byte[] bytes, Path target) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
      out.write(bytes);
    }
    return target;
  }

  private static void add(CaptureFileWriter.Pcap pcap, long timestampNs, String id, String protocol, byte[] frame) {
    pcap.packet(timestampNs, frame);
    Flow flow = MIXED.computeIfAbsent(id, key -> new Flow(key, protocol));
    flow.packets++;
    flow.bytes += frame.length;
  }
}
