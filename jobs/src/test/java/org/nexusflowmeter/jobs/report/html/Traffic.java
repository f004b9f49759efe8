package org.nexusflowmeter.jobs.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.jobs.flows.Frames;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * A hand-built capture for the report tests ({@link Frames}' frames: Ethernet + IPv4/IPv6 + TCP/UDP/ICMP) that also
 * remembers every packet it wrote, with the flow the test means it to belong to, so the tests can work out the
 * report's numbers from the packets themselves rather than from the flow table. Frame sizes: Ethernet 14, IPv4
 * 20, IPv6 40, TCP 20, UDP 8, ICMP 8, plus the payload.
 */
final class Traffic {
  static final int FIN = Frames.FIN;
  static final int SYN = Frames.SYN;
  static final int RST = Frames.RST;
  static final int PSH = Frames.PSH;
  static final int ACK = Frames.ACK;

  /** One packet as written: which flow it was built for, its time, endpoints, and its sizes. */
  record Sent(String flow, String protocol, long timestampNs, String src, String dst, int wireBytes,
      int payloadBytes) {}

  private final CaptureFileWriter.Pcap capture = Frames.capture();
  private final List<Sent> sent = new ArrayList<>();

  List<Sent> sent() {
    return sent;
  }

  Path write(Path file) throws IOException {
    return capture.write(file);
  }

  Traffic tcp(String flow, long ns, String src, int srcPort, String dst, int dstPort, int flags, int payload) {
    byte[] frame = src.contains(":") ? Frames.tcp6(src, srcPort, dst, dstPort, flags, payload)
        : Frames.tcp4(src, srcPort, dst, dstPort, flags, payload);
    return add(flow, "TCP", ns, src, dst, frame, payload);
  }

  Traffic udp(String flow, long ns, String src, int srcPort, String dst, int dstPort, int payload) {
    byte[] frame = src.contains(":") ? Frames.udp6(src, srcPort, dst, dstPort, payload)
        : Frames.udp4(src, srcPort, dst, dstPort, payload);
    return add(flow, "UDP", ns, src, dst, frame, payload);
  }

  /** An ICMP echo request (type 8) or reply (type 0) with {@code payload} bytes of data. */
  Traffic icmpEcho(String flow, long ns, String src, String dst, boolean request, int payload) {
    byte[] frame = request ? Frames.icmp4(src, dst, payload) : Frames.icmp4Reply(src, dst, payload);
    return add(flow, "ICMP", ns, src, dst, frame, payload);
  }

  private Traffic add(String flow, String protocol, long ns, String src, String dst, byte[] frame, int payload) {
    capture.packet(ns, frame);
    sent.add(new Sent(flow, protocol, ns, src, dst, frame.length, payload));
    return this;
  }
}
