package org.nexusflowmeter.pcap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * The format layer on one core, without Spark: every record of a file read by {@link CaptureReaders},
 * either whole or as planned splits read one after another, with or without decoding the headers.
 * Prints the packet count and a checksum of what was read, so the work cannot be optimised away.
 *
 * <p>Usage: {@code ReaderThroughput FILE (records|decode) [SPLIT_BYTES]}
 */
public final class ReaderThroughput {
  public static void main(String[] args) throws IOException {
    long cpuStart = CpuClock.processCpuNanos();
    Path file = Path.of(args[0]);
    boolean decode = args[1].equals("decode");
    long splitBytes = args.length > 2 ? Long.parseLong(args[2]) : 0;
    long length = Files.size(file);
    List<CaptureSplit> splits = splitBytes > 0
        ? CaptureReaders.plan(file.toString(), length, splitBytes, () -> LocalFileInput.seekable(file))
        : List.of(CaptureSplit.whole(file.toString(), length));
    DecodedPacket decoded = new DecodedPacket();
    long packets = 0;
    long checksum = 0;
    for (CaptureSplit split : splits) {
      try (LocalFileInput input = LocalFileInput.seekable(file);
          CaptureReader reader = CaptureReaders.open(input, split)) {
        while (reader.next()) {
          PacketRecord r = reader.record();
          packets++;
          checksum += r.originalLength + r.timestampNs;
          if (decode) {
            PacketDecoder.decode(r.data, r.dataOffset, r.capturedLength, r.linkType, decoded);
            checksum += decoded.srcPort + decoded.ipProtocol;
          }
        }
      }
    }
    CpuClock.report(cpuStart);
    System.out.println("packets=" + packets + " splits=" + splits.size() + " checksum=" + checksum);
  }
}
