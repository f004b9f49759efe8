package org.nexusflowmeter.pcap.spark.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * Hand-built captures for the integration tests: Ethernet frames of IPv4 TCP, IPv4 UDP and IPv6 UDP with
 * random payloads of random size, so that split boundaries fall anywhere inside records. The same seed
 * gives the same bytes.
 */
final class TrafficCaptures {
  /** Packets in each file {@link #write} makes. */
  static final int PACKETS = 3000;
  private static final long START_NS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final int SNAPLEN = 256;

  private TrafficCaptures() {}

  /** Writes traffic.pcap (little-endian, µs, some frames cut at the snaplen) into dir. */
  static Path writePcap(Path dir, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, SNAPLEN, 1);
    long ns = START_NS;
    for (int i = 0; i < PACKETS; i++) {
      ns += 1_000L * (1 + random.nextInt(5_000));
      byte[] frame = frame(random, i);
      pcap.packet(ns, Arrays.copyOf(frame, Math.min(frame.length, SNAPLEN)), frame.length);
    }
    return pcap.write(dir.resolve("traffic.pcap"));
  }

  /**
   * Writes traffic.pcapng (big-endian, a second section little-endian, nanosecond interfaces) into dir:
   * the first half of the packets in section one, the rest in section two.
   */
  static Path writePcapng(Path dir, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    CaptureFileWriter.Pcapng pcapng = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section().iface(1, 0, 9);
    long ns = START_NS;
    for (int i = 0; i < PACKETS; i++) {
      if (i == PACKETS / 2) {
        pcapng.section(ByteOrder.LITTLE_ENDIAN).iface(1, 0, 9);
      }
      ns += 1 + random.nextInt(3_000_000);
      pcapng.epb(0, ns, frame(random, i));
    }
    return pcapng.write(dir.resolve("traffic.pcapng"));
  }

  /** One Ethernet frame: IPv4 TCP, IPv4 UDP or IPv6 UDP in turn, 0..1400 bytes of random payload. */
  private static byte[] frame(SplittableRandom random, int index) {
    int kind = index % 3;
    int payload = random.nextInt(1401);
    int l4 = kind == 0 ? 20 : 8;
    int ip = kind == 2 ? 40 : 20;
    ByteBuffer b = ByteBuffer.allocate(14 + ip + l4 + payload).order(ByteOrder.BIG_ENDIAN);
    b.putInt(0x02000000).putShort((short) 2).putInt(0x02000000).putShort((short) 1);
    b.putShort((short) (kind == 2 ? 0x86dd : 0x0800));
    int protocol = kind == 0 ? 6 : 17;
    if (kind == 2) {
      b.putInt(0x60000000).putShort((short) (l4 + payload)).put((byte) protocol).put((byte) 64);
      b.putLong(0x20010db800000000L).putLong(random.nextInt(16) + 1L);
      b.putLong(0x20010db800000000L).putLong(0x100L + random.nextInt(16));
    } else {
      b.put((byte) 0x45).put((byte) 0).putShort((short) (ip + l4 + payload)).putShort((short) index)
          .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0);
      b.putInt(0x0a000001 + random.nextInt(16)).putInt(0xc0a80001 + random.nextInt(16));
    }
    b.putShort((short) (1024 + random.nextInt(60000))).putShort((short) (kind == 0 ? 443 : 53));
    if (kind == 0) {
      b.putInt(random.nextInt()).putInt(random.nextInt()).put((byte) 0x50).put((byte) 0x18)
          .putShort((short) 65535).putInt(0);
    } else {
      b.putShort((short) (l4 + payload)).putShort((short) 0);
    }
    byte[] body = new byte[payload];
    for (int i = 0; i < payload; i++) {
      body[i] = (byte) random.nextInt(256);
    }
    b.put(body);
    return b.array();
  }
}
