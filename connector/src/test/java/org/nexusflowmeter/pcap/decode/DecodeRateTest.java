package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.DST_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V4;
import static org.nexusflowmeter.pcap.decode.TestFrames.SRC_V6;
import static org.nexusflowmeter.pcap.decode.TestFrames.ethernet;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv4;
import static org.nexusflowmeter.pcap.decode.TestFrames.ipv6;
import static org.nexusflowmeter.pcap.decode.TestFrames.tcp;
import static org.nexusflowmeter.pcap.decode.TestFrames.udp;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;

/** Decodes a large in-memory frame set: prints the rate, and checks that decoding allocates nothing. */
class DecodeRateTest {
  private static final int FRAMES = 50_000;

  @Test
  void decodesWithoutAllocatingAndReportsTheRate() {
    byte[][] kinds = {
      ethernet(EtherType.IPV4, ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 1200))).build().getRawData(),
      ethernet(EtherType.IPV4, ipv4(IpNumber.UDP, udp(SRC_V4, DST_V4, 90))).build().getRawData(),
      ethernet(EtherType.IPV6, ipv6(IpNumber.TCP, tcp(SRC_V6, DST_V6, 0))).build().getRawData(),
      ethernet(EtherType.DOT1Q_VLAN_TAGGED_FRAMES, new Dot1qVlanTagPacket.Builder().vid((short) 9)
          .type(EtherType.IPV4).payloadBuilder(ipv4(IpNumber.TCP, tcp(SRC_V4, DST_V4, 40)))).build().getRawData(),
    };
    int[] offsets = new int[FRAMES];
    int[] lengths = new int[FRAMES];
    int total = 0;
    for (int i = 0; i < FRAMES; i++) {
      lengths[i] = kinds[i % kinds.length].length;
      offsets[i] = total;
      total += lengths[i];
    }
    byte[] buffer = new byte[total];
    for (int i = 0; i < FRAMES; i++) {
      System.arraycopy(kinds[i % kinds.length], 0, buffer, offsets[i], lengths[i]);
    }
    DecodedPacket p = new DecodedPacket();
    for (int warmup = 0; warmup < 20; warmup++) {
      decodeAll(buffer, offsets, lengths, p);
    }

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    int rounds = 40;
    long tcpPayloadBytes = 0;
    for (int round = 0; round < rounds; round++) {
      tcpPayloadBytes += decodeAll(buffer, offsets, lengths, p);
    }
    long elapsed = System.nanoTime() - start;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

    // per round of 4 kinds: 1200 + 0 + 40 TCP payload bytes
    assertEquals((long) rounds * (FRAMES / 4) * 1240, tcpPayloadBytes);
    assertTrue(allocated < 4096, allocated + " bytes allocated while decoding");
    double framesPerSecond = (double) rounds * FRAMES / (elapsed / 1e9);
    System.out.printf("decode rate: %.1f M frames/s (%d frames, %d bytes allocated)%n",
        framesPerSecond / 1e6, (long) rounds * FRAMES, allocated);
  }

  /** Sum of TCP payload lengths, so the work cannot be optimised away. */
  private static long decodeAll(byte[] buffer, int[] offsets, int[] lengths, DecodedPacket p) {
    long sum = 0;
    for (int i = 0; i < offsets.length; i++) {
      PacketDecoder.decode(buffer, offsets[i], lengths[i], PacketDecoder.LINKTYPE_ETHERNET, p);
      if (p.tcpHeaderLength > 0) {
        sum += p.l4PayloadLength;
      }
    }
    return sum;
  }
}
