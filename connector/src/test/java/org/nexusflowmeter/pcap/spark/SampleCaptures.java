package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/** Capture files of many TCP/IPv4 packets of varied sizes, for reads that cut files into splits. */
final class SampleCaptures {
  static final long FIRST_NS = 1_700_000_000_000_000_000L;
  private static final int LINKTYPE_ETHERNET = 1;

  private SampleCaptures() {}

  /** Packet i carries (i * 37) % 200 payload bytes and is stamped FIRST_NS + i ms. */
  static byte[] frame(int i) {
    return TestFrames.tcpV4Frame(i * 37 % 200);
  }

  static Path pcap(Path target, int packets) throws IOException {
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, LINKTYPE_ETHERNET);
    for (int i = 0; i < packets; i++) {
      pcap.packet(FIRST_NS + i * 1_000_000L, frame(i));
    }
    return pcap.write(target);
  }

  static Path pcapng(Path target, int packets) throws IOException {
    CaptureFileWriter.Pcapng pcapng = CaptureFileWriter.pcapng(ByteOrder.BIG_ENDIAN).section()
        .iface(LINKTYPE_ETHERNET, 0, 9);
    for (int i = 0; i < packets; i++) {
      pcapng.epb(0, FIRST_NS + i * 1_000_000L, frame(i));
    }
    return pcapng.write(target);
  }
}
