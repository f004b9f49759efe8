package org.nexusflowmeter.pcap.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a reproducible classic pcap (Ethernet, µs, little-endian) of a realistic traffic mix for the
 * benchmarks. The default mix: many short TCP connections (handshake, a few data segments and their ACKs,
 * FIN close), DNS-like UDP request/response pairs, and a few long elephant TCP flows of full-size segments,
 * one exchange after another. The {@code small-packets} mix is {@link SmallPacketMix}, its elephants carrying 16 %
 * of the packets; {@code small-packets-eNN} is the same with NN % (a larger share, longer flows on average). The
 * same seed, size and mix always give the same bytes, and a smaller size gives a prefix of a larger one.
 *
 * <p>Usage: {@code CaptureGenerator OUT.pcap BYTES [SEED [default|small-packets|small-packets-eNN]]}
 */
public final class CaptureGenerator {
  private static final int ETH = 14;
  private static final int IP = 20;
  private static final int MAX_FRAME = 1514;

  private final SplittableRandom random;
  private final OutputStream out;
  private final byte[] record = new byte[16 + MAX_FRAME];
  private long timeUs = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
  private long written;
  private long packets;

  private CaptureGenerator(OutputStream out, long seed) {
    this.out = out;
    this.random = new SplittableRandom(seed);
  }

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    long bytes = (long) Double.parseDouble(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261127L;
    int elephantShare = args.length > 3 ? elephantShare(args[3]) : -1;
    long packets = elephantShare >= 0 ? writeSmallPackets(target, bytes, seed, elephantShare)
        : write(target, bytes, seed);
    System.out.printf("wrote %s: %d bytes, %d packets%n", target, Files.size(target), packets);
  }

  /** The elephants' share of packets of a small-packets mix, in percent; -1 for the default mix. */
  private static int elephantShare(String mix) {
    if (mix.equals("default")) {
      return -1;
    }
    if (mix.equals("small-packets")) {
      return SmallPacketMix.DEFAULT_ELEPHANT_SHARE;
    }
    if (mix.matches("small-packets-e\\d{1,2}")) {
      return Integer.parseInt(mix.substring("small-packets-e".length()));
    }
    throw new IllegalArgumentException("mix must be default, small-packets or small-packets-eNN, not " + mix);
  }

  /** Writes at least {@code bytes} bytes of the default mix to target; returns the packet count. */
  public static long write(Path target, long bytes, long seed) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
      CaptureGenerator g = new CaptureGenerator(os, seed);
      g.globalHeader();
      while (g.written < bytes) {
        g.nextExchange();
      }
      return g.packets;
    }
  }

  /**
   * Writes at least {@code bytes} bytes of the {@link SmallPacketMix}, its elephants carrying
   * {@code elephantShare} percent of the packets, to target; returns the packet count.
   */
  public static long writeSmallPackets(Path target, long bytes, long seed, int elephantShare) throws IOException {
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
      CaptureGenerator g = new CaptureGenerator(os, seed);
      SmallPacketMix mix = new SmallPacketMix(g, g.random, elephantShare);
      g.globalHeader();
      while (g.written < bytes) {
        mix.nextPacket();
      }
      return g.packets;
    }
  }

  private void globalHeader() throws IOException {
    byte[] h = new byte[24];
    putIntLe(h, 0, 0xa1b2c3d4);
    putShortLe(h, 4, 2);
    putShortLe(h, 6, 4);
    putIntLe(h, 16, 65535);
    putIntLe(h, 20, 1);
    out.write(h);
    written += h.length;
  }

  /** One unit of traffic, chosen by weight: short TCP connection, DNS pair, or an elephant burst. */
  private void nextExchange() throws IOException {
    int pick = random.nextInt(100);
    int client = 0x0a000000 | random.nextInt(1 << 16);
    int server = 0xc6336400 | random.nextInt(256); // 198.51.100.0/24
    int sport = 1024 + random.nextInt(64000);
    if (pick < 60) {
      shortTcp(client, server, sport, random.nextBoolean() ? 443 : 80);
    } else if (pick < 98) {
      udp(client, server, sport, 53, 30 + random.nextInt(40));
      udp(server, client, 53, sport, 60 + random.nextInt(200));
    } else {
      int segments = 20 + random.nextInt(40);
      for (int i = 0; i < segments; i++) {
        tcp(server, client, 443, sport, 0x18, 1460);
        if ((i & 1) == 1) {
          tcp(client, server, sport, 443, 0x10, 0);
        }
      }
    }
  }

  private void shortTcp(int client, int server, int sport, int dport) throws IOException {
    tcp(client, server, sport, dport, 0x02, 0);
    tcp(server, client, dport, sport, 0x12, 0);
    tcp(client, server, sport, dport, 0x10, 0);
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      tcp(client, server, sport, dport, 0x18, 20 + random.nextInt(200));
      tcp(server, client, dport, sport, 0x18, 20 + random.nextInt(400));
      tcp(client, server, sport, dport, 0x10, 0);
    }
    tcp(client, server, sport, dport, 0x11, 0);
    tcp(server, client, dport, sport, 0x11, 0);
    tcp(client, server, sport, dport, 0x10, 0);
  }

  /** A TCP segment with random sequence and acknowledgement numbers (the default mix). */
  private void tcp(int src, int dst, int sport, int dport, int flags, int payload) throws IOException {
    int base = tcpHeader(src, dst, sport, dport, flags, payload);
    putIntBe(record, base + 4, random.nextInt());
    putIntBe(record, base + 8, (flags & 0x10) != 0 ? random.nextInt() : 0);
    emit(ETH + IP + 20 + payload);
  }

  /**
   * A TCP segment carrying {@code data[0, length)} with the given sequence and acknowledgement numbers (ack is
   * written only with ACK set).
   */
  void tcp(int src, int dst, int sport, int dport, int flags, byte[] data, int length, int seq, int ack)
      throws IOException {
    int base = tcpHeader(src, dst, sport, dport, flags, length);
    putIntBe(record, base + 4, seq);
    putIntBe(record, base + 8, (flags & 0x10) != 0 ? ack : 0);
    putIntBe(record, base + 16, 0); // no checksum (tools do not verify it by default), urgent pointer 0
    System.arraycopy(data, 0, record, base + 20, length);
    emit(ETH + IP + 20 + length);
  }

  /** Fills Ethernet, IPv4 and the TCP header but its sequence numbers; returns the TCP header's offset. */
  private int tcpHeader(int src, int dst, int sport, int dport, int flags, int payload) {
    int base = frameHeader(src, dst, 6, 20 + payload);
    putShortBe(record, base, sport);
    putShortBe(record, base + 2, dport);
    record[base + 12] = 0x50;
    record[base + 13] = (byte) flags;
    putShortBe(record, base + 14, 64240);
    return base;
  }

  /** A UDP datagram carrying {@code data[0, length)}. */
  void udp(int src, int dst, int sport, int dport, byte[] data, int length) throws IOException {
    int base = udpHeader(src, dst, sport, dport, length);
    putShortBe(record, base + 6, 0); // no checksum, which IPv4 allows
    System.arraycopy(data, 0, record, base + 8, length);
    emit(ETH + IP + 8 + length);
  }

  /** A UDP datagram whose payload is whatever the record buffer holds (the default mix). */
  private void udp(int src, int dst, int sport, int dport, int payload) throws IOException {
    udpHeader(src, dst, sport, dport, payload);
    emit(ETH + IP + 8 + payload);
  }

  /** Fills Ethernet, IPv4 and UDP headers; returns the UDP header's offset. */
  private int udpHeader(int src, int dst, int sport, int dport, int payload) {
    int l4 = 8 + payload;
    int base = frameHeader(src, dst, 17, l4);
    putShortBe(record, base, sport);
    putShortBe(record, base + 2, dport);
    putShortBe(record, base + 4, l4);
    return base;
  }

  /** Fills Ethernet and IPv4 headers; returns the offset of the transport header in {@link #record}. */
  private int frameHeader(int src, int dst, int protocol, int l4Length) {
    int e = 16;
    putIntBe(record, e, 0x02000000);
    putShortBe(record, e + 4, dst & 0xffff);
    putIntBe(record, e + 6, 0x02000000);
    putShortBe(record, e + 10, src & 0xffff);
    putShortBe(record, e + 12, 0x0800);
    int ip = e + ETH;
    record[ip] = 0x45;
    record[ip + 1] = 0;
    putShortBe(record, ip + 2, IP + l4Length);
    putShortBe(record, ip + 4, random.nextInt(1 << 16));
    putShortBe(record, ip + 6, 0x4000);
    record[ip + 8] = 64;
    record[ip + 9] = (byte) protocol;
    putShortBe(record, ip + 10, 0);
    putIntBe(record, ip + 12, src);
    putIntBe(record, ip + 16, dst);
    putShortBe(record, ip + 10, ipChecksum(ip));
    return ip + IP;
  }

  private int ipChecksum(int ip) {
    int sum = 0;
    for (int i = 0; i < IP; i += 2) {
      sum += ((record[ip + i] & 0xff) << 8) | (record[ip + i + 1] & 0xff);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return ~sum & 0xffff;
  }

  private void emit(int frameLength) throws IOException {
    timeUs += 1 + random.nextInt(200);
    putIntLe(record, 0, (int) (timeUs / 1_000_000));
    putIntLe(record, 4, (int) (timeUs % 1_000_000));
    putIntLe(record, 8, frameLength);
    putIntLe(record, 12, frameLength);
    out.write(record, 0, 16 + frameLength);
    written += 16 + frameLength;
    packets++;
  }

  private static void putIntLe(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
    b[o + 2] = (byte) (v >>> 16);
    b[o + 3] = (byte) (v >>> 24);
  }

  private static void putShortLe(byte[] b, int o, int v) {
    b[o] = (byte) v;
    b[o + 1] = (byte) (v >>> 8);
  }

  private static void putIntBe(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 24);
    b[o + 1] = (byte) (v >>> 16);
    b[o + 2] = (byte) (v >>> 8);
    b[o + 3] = (byte) v;
  }

  private static void putShortBe(byte[] b, int o, int v) {
    b[o] = (byte) (v >>> 8);
    b[o + 1] = (byte) v;
  }
}
