package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * Every corpus capture on a PPP or Cisco HDLC link, and the one with FabricPath frames, decoded frame by frame
 * by us and by tshark: the outer IP addresses, and the ports where TCP or UDP directly follows that IP header.
 */
class PppHdlcFabricPathTsharkTest {
  private static final Path TSHARK = Path.of("/usr/bin/tshark");
  private static final String FABRICPATH_FILE = "nfstream/ajp.pcap";

  @Test
  void everyFrameAgreesWithTshark() throws Exception {
    String shared = System.getProperty("shared.dir");
    Path corpus = shared == null ? null : Path.of(shared, "corpus");
    assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve("INDEX.tsv")), "no shared corpus");
    assumeTrue(Files.isExecutable(TSHARK), "no tshark");

    List<String> files = new ArrayList<>();
    List<String> rows = Files.readAllLines(corpus.resolve("INDEX.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] columns = row.split("\t"); // file, format, byte order, precision, link types, ...
      if (columns[4].matches("(9|50|104|112)/.*") || columns[0].equals(FABRICPATH_FILE)) {
        files.add(columns[0]);
      }
    }
    assertTrue(files.contains("nfstream/dlt_ppp.pcap") && files.contains("nfstream/BGP_redist.pcap"), "" + files);

    List<String> differences = new ArrayList<>();
    int ipFrames = 0;
    int portFrames = 0;
    DecodedPacket ours = new DecodedPacket();
    for (String name : files) {
      Path file = corpus.resolve(name);
      List<String> theirs = tshark(file);
      int frame = 0;
      try (LocalFileInput input = LocalFileInput.seekable(file);
          CaptureReader reader = CaptureReaders.open(input, CaptureSplit.whole(name, input.length()))) {
        while (reader.next()) {
          PacketRecord r = reader.record();
          PacketDecoder.decode(r.data, r.dataOffset, r.capturedLength, r.linkType, ours);
          String[] t = (frame < theirs.size() ? theirs.get(frame) : "").split("\t", -1);
          frame++;
          String expected = expectedText(t);
          String actual = ourText(ours);
          if (!expected.equals(actual)) {
            differences.add(name + " frame " + frame + ": tshark [" + expected + "] ours [" + actual + "]");
          }
          if (ours.ipVersion != 0) {
            ipFrames++;
          }
          if (ours.srcPort >= 0) {
            portFrames++;
          }
        }
      }
      assertEquals(theirs.size(), frame, name + ": frame count");
    }
    System.out.printf("PPP/HDLC/FabricPath vs tshark: %d files, %d IP frames, %d with ports%n",
        files.size(), ipFrames, portFrames);
    assertEquals(List.of(), differences);
    assertTrue(ipFrames >= 30, ipFrames + " IP frames");
  }

  /** tshark's columns: protocols, ip.src, ip.dst, ipv6.src, ipv6.dst, tcp ports, udp ports. */
  private static String expectedText(String[] t) throws IOException {
    if (t.length < 11) {
      return "";
    }
    String[] layers = t[0].split(":");
    int ip = List.of(layers).indexOf("ip");
    int ipv6 = List.of(layers).indexOf("ipv6");
    String src;
    String dst;
    int ipLayer;
    if (ip >= 0 && (ipv6 < 0 || ip < ipv6)) {
      src = t[1];
      dst = t[2];
      ipLayer = ip;
    } else if (ipv6 >= 0) {
      src = t[3];
      dst = t[4];
      ipLayer = ipv6;
    } else {
      return "";
    }
    String text = canonical(src) + " > " + canonical(dst);
    String next = ipLayer + 1 < layers.length ? layers[ipLayer + 1] : "";
    if (next.equals("tcp") && !t[5].isEmpty()) {
      text += " tcp " + t[5] + " > " + t[6];
    } else if (next.equals("udp") && !t[7].isEmpty()) {
      text += " udp " + t[7] + " > " + t[8];
    }
    return text;
  }

  private static String ourText(DecodedPacket p) throws IOException {
    if (p.ipVersion == 0 || p.srcAddrOffset < 0 || p.dstAddrOffset < 0) {
      return "";
    }
    String text = canonical(AddressText.ip(p.buf, p.srcAddrOffset, p.addrLength)) + " > "
        + canonical(AddressText.ip(p.buf, p.dstAddrOffset, p.addrLength));
    if (p.srcPort >= 0 && p.dstPort >= 0 && (p.ipProtocol == 6 || p.ipProtocol == 17)) {
      text += (p.ipProtocol == 6 ? " tcp " : " udp ") + p.srcPort + " > " + p.dstPort;
    }
    return text;
  }

  private static String canonical(String address) throws IOException {
    return address.isEmpty() ? "" : InetAddress.getByName(address).getHostAddress();
  }

  private static List<String> tshark(Path file) throws IOException, InterruptedException {
    Path out = Files.createTempFile("tshark-ppp", ".tsv");
    try {
      Process process = new ProcessBuilder(TSHARK.toString(), "-r", file.toString(), "-n", "-T", "fields",
          "-E", "occurrence=f", "-E", "separator=/t",
          "-e", "frame.protocols", "-e", "ip.src", "-e", "ip.dst", "-e", "ipv6.src", "-e", "ipv6.dst",
          "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.srcport", "-e", "udp.dstport",
          "-e", "frame.number", "-e", "frame.cap_len")
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), "tshark timed out on " + file);
      return Files.readAllLines(out, StandardCharsets.UTF_8);
    } finally {
      Files.delete(out);
    }
  }
}
