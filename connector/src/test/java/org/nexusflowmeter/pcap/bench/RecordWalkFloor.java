package org.nexusflowmeter.pcap.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The floor every reader is measured against: the least a program can do to visit every record of a
 * little-endian classic pcap, which is to read each 16-byte record header and jump over the data. No
 * checks, no decoding, no framework. Prints the packet count and the summed wire length.
 *
 * <p>Usage: {@code RecordWalkFloor FILE.pcap}
 */
public final class RecordWalkFloor {
  public static void main(String[] args) throws IOException {
    long cpuStart = CpuClock.processCpuNanos();
    long packets = 0;
    long wireBytes = 0;
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(24);
      int n;
      do {
        n = ch.read(buf);
        buf.flip();
        while (buf.remaining() >= 16) {
          int caplen = buf.getInt(buf.position() + 8);
          if (buf.remaining() < 16 + caplen) {
            break;
          }
          wireBytes += buf.getInt(buf.position() + 12);
          buf.position(buf.position() + 16 + caplen);
          packets++;
        }
        buf.compact();
      } while (n >= 0);
    }
    CpuClock.report(cpuStart);
    System.out.println("packets=" + packets + " wire_bytes=" + wireBytes);
  }
}
