package org.nexusflowmeter.flow;

import java.util.ArrayList;
import java.util.List;

/** Hand-built packet views and a whole-key pass over them. */
final class Packets {
  static final long T0 = 1_700_000_000_000_000_000L;
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;
  static final int URG = 0x20;
  static final int ECE = 0x40;
  static final int CWR = 0x80;

  private Packets() {}

  static byte[] ipv4(String dotted) {
    String[] parts = dotted.split("\\.");
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      out[i] = (byte) Integer.parseInt(parts[i]);
    }
    return out;
  }

  static byte[] ipv6(int... groups) {
    byte[] out = new byte[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = (byte) (groups[i] >> 8);
      out[2 * i + 1] = (byte) groups[i];
    }
    return out;
  }

  static PacketView packet(long offsetNanos, int protocol, byte[] src, int srcPort, byte[] dst, int dstPort,
      int flags, long wire, long payload) {
    PacketView p = new PacketView();
    byte[] both = new byte[src.length * 2];
    System.arraycopy(src, 0, both, 0, src.length);
    System.arraycopy(dst, 0, both, src.length, dst.length);
    p.setAddresses(both, 0, src.length, src.length);
    p.timestampNanos = T0 + offsetNanos;
    p.protocol = protocol;
    p.srcPort = srcPort;
    p.dstPort = dstPort;
    p.tcpFlags = flags;
    p.wireLength = wire;
    p.payloadLength = payload;
    return p;
  }

  static PacketView tcp(long ms, String src, int srcPort, String dst, int dstPort, int flags, long wire,
      long payload) {
    return packet(ms * 1_000_000L, 6, ipv4(src), srcPort, ipv4(dst), dstPort, flags, wire, payload);
  }

  static PacketView udp(long nanos, String src, int srcPort, String dst, int dstPort, long wire, long payload) {
    return packet(nanos, 17, ipv4(src), srcPort, ipv4(dst), dstPort, PacketView.NO_TCP_FLAGS, wire, payload);
  }

  static List<FlowRecord> pass(FlowTimeouts timeouts, List<PacketView> packets) {
    List<FlowPart> flows = new ArrayList<>();
    FlowAccumulator accumulator = new FlowAccumulator(FlowKey.of(packets.get(0)), timeouts, false);
    for (PacketView p : packets) {
      accumulator.add(p, flows::add);
    }
    accumulator.finish(flows::add);
    return records(flows);
  }

  /** The rows of a key's flows in start order, numbered from 1. */
  static List<FlowRecord> records(List<FlowPart> flows) {
    List<FlowRecord> rows = new ArrayList<>();
    for (FlowPart flow : flows) {
      rows.add(flow.toRecord(rows.size() + 1, "a.pcap"));
    }
    return rows;
  }

  static List<FlowRecord> pass(List<PacketView> packets) {
    return pass(FlowTimeouts.DEFAULT, packets);
  }
}
