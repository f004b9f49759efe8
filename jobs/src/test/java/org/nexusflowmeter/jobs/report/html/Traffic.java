package org.nexusflowmeter.jobs.report.html;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * A hand-built capture for the report tests (Ethernet + IPv4/IPv6 + TCP/UDP/ICMP, checksums zero) that also
 * remembers every packet it wrote, with the flow the test means it to belong to, so the tests can work out the
 * report's numbers from the packets themselves rather than from the flow table. Frame sizes: Ethernet 14, IPv4
 * 20, IPv6 40, TCP 20, UDP 8, ICMP 8, plus the payload.
 */
final class Traffic {
  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  private static final int LINKTYPE_ETHERNET = 1;

  /** One packet as written: which flow it was built for, its time, endpoints, and its sizes. */
  record Sent(String flow, String protocol, long timestampNs, String src, String dst, int wireBytes,
      int payloadBytes) {}

  private final CaptureFileWriter.Pcap capture =
      CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, LINKTYPE_ETHERNET);
  private final List<Sent> sent = new ArrayList<>();

  List<Sent> sent() {
    return sent;
  }

  Path write(Path file) throws IOException {
    return capture.write(file);
  }

  Traffic tcp(String flow, long ns, String src, int srcPort, String dst, int dstPort, int flags, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(20 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0)
        .put((byte) 0x50).put((byte) flags).putShort((short) 65535);
    return ip(flow, "TCP", ns, src, dst, 6, l4.array(), payload);
  }

  Traffic udp(String flow, long ns, String src, int srcPort, String dst, int dstPort, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload);
    l4.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload));
    return ip(flow, "UDP", ns, src, dst, 17, l4.array(), payload);
  }

  /** An ICMP echo request (type 8) or reply (type 0) with {@code payload} bytes of data. */
  Traffic icmpEcho(String flow, long ns, String src, String dst, boolean request, int payload) {
    ByteBuffer l4 = ByteBuffer.allocate(8 + payload);
    l4.put((byte) (request ? 8 : 0));
    return ip(flow, "ICMP", ns, src, dst, 1, l4.array(), payload);
  }

  private Traffic ip(String flow, String protocol, long ns, String src, String dst, int next, byte[] l4,
      int payload) {
    byte[] source = address(src);
    byte[] destination = address(dst);
    ByteBuffer frame;
    if (source.length == 4) {
      frame = ethernet(0x0800, 20 + l4.length);
      frame.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 1)
          .putShort((short) 0).put((byte) 64).put((byte) next).putShort((short) 0);
    } else {
      frame = ethernet(0x86dd, 40 + l4.length);
      frame.putInt(0x60000000).putShort((short) l4.length).put((byte) next).put((byte) 64);
    }
    frame.put(source).put(destination).put(l4);
    capture.packet(ns, frame.array());
    sent.add(new Sent(flow, protocol, ns, src, dst, frame.capacity(), payload));
    return this;
  }

  private static ByteBuffer ethernet(int etherType, int payloadLength) {
    ByteBuffer frame = ByteBuffer.allocate(14 + payloadLength);
    return frame.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1})
        .putShort((short) etherType);
  }

  private static byte[] address(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
