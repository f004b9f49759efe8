package org.nexusflowmeter.flow;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * The flow job's first stage alone, on one thread, without Spark: a capture's flow packets are decoded once into
 * primitive arrays, then fed through one {@link SegmentFlowTable} per round, as {@code SegmentFlowRunner} feeds
 * them (60 s idle timeout, 1 s disorder slack). Per round it prints the time, packets per second of wall time, of
 * this thread's CPU time and of the process's CPU time (which adds the collectors' threads; the wall figure suffers
 * most from other load on the machine), the bytes this thread allocated per packet
 * ({@link ThreadMXBean#getThreadAllocatedBytes}), the most keys the table held, the collectors' work and how much
 * the old generation grew (what young collections promoted, when no old collection ran in the round). With
 * {@code encode} the output also encodes every part and key, as the runner does, else it only counts them. With
 * PASSES above 1 a round feeds the capture that many times into its one table, each pass later in time by the
 * capture's span, like a longer capture of the same hosts in one task.
 *
 * <p>Usage: {@code SegmentTableThroughput FILE [ROUNDS] [encode|count] [PASSES]}
 */
public final class SegmentTableThroughput {
  private static final long SLACK_NANOS = 1_000_000_000L;
  private static final int ETH_TYPE_ARP = 0x0806;

  private int count;
  private long[] nanos = new long[1 << 20];
  private long[] order = new long[1 << 20];
  private long[] addresses = new long[4 << 20];
  /** protocol, address length, source port, destination port, TCP flags (or NO_TCP_FLAGS) per packet */
  private int[] ints = new int[5 << 20];
  private long[] lengths = new long[2 << 20];

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    boolean encode = args.length > 2 && args[2].equals("encode");
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    SegmentTableThroughput packets = new SegmentTableThroughput();
    packets.load(file);
    System.out.println("flow packets=" + packets.count + " encode=" + encode + " passes=" + passes);
    for (int round = 1; round <= rounds; round++) {
      packets.round(round, encode, passes);
    }
  }

  private void load(Path file) throws IOException {
    DecodedPacket decoded = new DecodedPacket();
    try (LocalFileInput input = LocalFileInput.seekable(file);
        CaptureReader reader = CaptureReaders.open(input, CaptureSplit.whole(file.toString(), Files.size(file)))) {
      while (reader.next()) {
        PacketRecord r = reader.record();
        if (r.error != null || !r.hasTimestamp) {
          continue;
        }
        PacketDecoder.decode(r.data, r.dataOffset, r.capturedLength, r.linkType, decoded);
        int protocol = decoded.ipVersion != 0 ? decoded.ipProtocol
            : decoded.ethType == ETH_TYPE_ARP && decoded.arpOp >= 0 ? PacketView.PROTOCOL_ARP : -1;
        if (protocol < 0 || decoded.addrLength == 0) {
          continue;
        }
        PacketView p = new PacketView();
        p.setAddresses(decoded.buf, decoded.srcAddrOffset, decoded.dstAddrOffset, decoded.addrLength);
        boolean ports = decoded.srcPort >= 0 && decoded.dstPort >= 0;
        append(r.timestampNs, r.fileOffset, p, protocol, ports ? decoded.srcPort : PacketView.NO_PORT,
            ports ? decoded.dstPort : PacketView.NO_PORT,
            decoded.tcpFlags >= 0 ? decoded.tcpFlags & 0xFF : PacketView.NO_TCP_FLAGS, r.originalLength,
            decoded.ipVersion != 0 ? Math.max(0, decoded.l4PayloadLength) : 0);
      }
    }
  }

  private void append(long time, long fileOrder, PacketView p, int protocol, int srcPort, int dstPort, int flags,
      long wire, long payload) {
    if (count == nanos.length) {
      int grown = count * 2;
      nanos = Arrays.copyOf(nanos, grown);
      order = Arrays.copyOf(order, grown);
      addresses = Arrays.copyOf(addresses, 4 * grown);
      ints = Arrays.copyOf(ints, 5 * grown);
      lengths = Arrays.copyOf(lengths, 2 * grown);
    }
    nanos[count] = time;
    order[count] = fileOrder;
    addresses[4 * count] = p.srcAddrHigh;
    addresses[4 * count + 1] = p.srcAddrLow;
    addresses[4 * count + 2] = p.dstAddrHigh;
    addresses[4 * count + 3] = p.dstAddrLow;
    ints[5 * count] = protocol;
    ints[5 * count + 1] = p.addressLength;
    ints[5 * count + 2] = srcPort;
    ints[5 * count + 3] = dstPort;
    ints[5 * count + 4] = flags;
    lengths[2 * count] = wire;
    lengths[2 * count + 1] = payload;
    count++;
  }

  private void round(int round, boolean encode, int passes) {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    // flows, a checksum of what the output read (so that its work is not optimised away), out-of-order keys
    long[] tally = new long[3];
    FlowPartEncoder states = new FlowPartEncoder();
    SegmentFlowTable table = new SegmentFlowTable(FlowTimeouts.DEFAULT, SLACK_NANOS, new SegmentFlowTable.Output() {
      @Override
      public void flow(FlowPart flow) {
        tally[0]++;
        if (encode) {
          states.encode(flow);
          tally[1] += states.length() + flow.key().toBytes().length;
        } else {
          tally[1] += flow.lastNanos() & 0xFF;
        }
      }

      @Override
      public void outOfOrder(FlowKey key) {
        tally[2]++;
      }
    });
    PacketView p = new PacketView();
    int peakKeys = 0;
    long gcCount = gcCount();
    long gcMillis = gcMillis();
    long oldGen = oldGenUsed();
    long allocated = threads.getThreadAllocatedBytes(thread);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = threads.getThreadCpuTime(thread);
    long processCpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      first = Math.min(first, nanos[i]);
      last = Math.max(last, nanos[i]);
    }
    long span = last - first + 1;
    for (int pass = 0; pass < passes; pass++) {
      peakKeys = Math.max(peakKeys, feed(table, p, pass * span, pass * (order[count - 1] + 1)));
    }
    table.finish();
    long elapsed = System.nanoTime() - start;
    cpu = threads.getThreadCpuTime(thread) - cpu;
    processCpu = os.getProcessCpuTime() - processCpu;
    allocated = threads.getThreadAllocatedBytes(thread) - allocated;
    oldGen = oldGenUsed() - oldGen;
    long fed = (long) count * passes;
    System.out.printf("round %d: %.3f s, %.2f M packets/s, %.2f M packets/thread-CPU-s,"
            + " %.2f M packets/process-CPU-s, %.1f bytes allocated/packet, flows %d, out of order %d,"
            + " keys held %d (peak sampled), GCs %d (%d ms), old gen %+.1f MB, tally %d%n",
        round, elapsed / 1e9, fed / (elapsed / 1e3), fed / (cpu / 1e3), fed / (processCpu / 1e3),
        (double) allocated / fed, tally[0], tally[2], peakKeys, gcCount() - gcCount, gcMillis() - gcMillis,
        oldGen / 1e6, tally[1]);
  }

  /** Feeds every packet, later by the shifts given; returns the most keys the table held at a sample. */
  private int feed(SegmentFlowTable table, PacketView p, long timeShift, long orderShift) {
    int peakKeys = 0;
    for (int i = 0; i < count; i++) {
      p.timestampNanos = nanos[i] + timeShift;
      p.fileOrder = order[i] + orderShift;
      p.srcAddrHigh = addresses[4 * i];
      p.srcAddrLow = addresses[4 * i + 1];
      p.dstAddrHigh = addresses[4 * i + 2];
      p.dstAddrLow = addresses[4 * i + 3];
      p.protocol = ints[5 * i];
      p.addressLength = ints[5 * i + 1];
      p.srcPort = ints[5 * i + 2];
      p.dstPort = ints[5 * i + 3];
      p.tcpFlags = ints[5 * i + 4];
      p.wireLength = lengths[2 * i];
      p.payloadLength = lengths[2 * i + 1];
      table.add(p);
      if ((i & 0xFFFF) == 0) {
        peakKeys = Math.max(peakKeys, table.size());
      }
    }
    return peakKeys;
  }

  private static long oldGenUsed() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getName().contains("Old Gen")) {
        return pool.getUsage().getUsed();
      }
    }
    return 0;
  }

  private static long gcCount() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += gc.getCollectionCount();
    }
    return total;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += gc.getCollectionTime();
    }
    return total;
  }
}
