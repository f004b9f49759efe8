package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;

/**
 * The batch writer's int, long, timestamp and address text columns, read straight from its batches (no
 * Spark): each row's null and value, and each column's null count per batch, against what the hand-built
 * frames hold; and address texts where the address cache's arena starts over.
 */
class PcapBatchWriterTest {
  private static final String[] COLUMNS = {"timestamp_ns", "timestamp", "original_length", "eth_type", "src_mac",
      "src_ip", "dst_ip", "src_port", "ip_id"};
  private static final int PACKETS = 5_000;
  private static final int BATCH_ROWS = 700;
  private static final int DEFAULT_ROWS = PcapReadOptions.DEFAULT_BATCH_SIZE;
  private static final long T0_MICROS = 1_700_000_000_123_456L;

  @TempDir
  Path dir;

  /** What a frame shape gives in COLUMNS' order; null for a null value. */
  private enum Shape {
    UDP_V4(HandFrames.ethernet(0x0800, HandFrames.udpV4()), true,
        0x0800L, "66:77:88:99:aa:bb", "10.0.0.1", "10.0.0.2", 1234L, 0x1234L),
    UDP_V6_FRAGMENT(HandFrames.ethernet(0x86dd, HandFrames.fragmentedUdpV6()), true,
        0x86ddL, "66:77:88:99:aa:bb", "2001:db8::1", "2001:db8::2", 1234L, 0x12345678L),
    CUT_IN_SOURCE_MAC(Arrays.copyOf(HandFrames.ethernet(0x0800, HandFrames.udpV4()), 10), true,
        null, null, null, null, null, null),
    CUT_IN_DESTINATION_IP(Arrays.copyOf(HandFrames.ethernet(0x0800, HandFrames.udpV4()), 14 + 18), true,
        0x0800L, "66:77:88:99:aa:bb", "10.0.0.1", null, null, 0x1234L),
    NO_TIMESTAMP(HandFrames.ethernet(0x0800, HandFrames.udpV4()), false,
        0x0800L, "66:77:88:99:aa:bb", "10.0.0.1", "10.0.0.2", 1234L, 0x1234L);

    final byte[] frame;
    final boolean timestamped;
    /** eth_type, src_mac, src_ip, dst_ip, src_port, ip_id. */
    final Object[] decoded;

    Shape(byte[] frame, boolean timestamped, Object... decoded) {
      this.frame = frame;
      this.timestamped = timestamped;
      this.decoded = decoded;
    }
  }

  /**
   * Frames of five shapes in random order, so that nulls vary from row to row: IPv4/UDP and IPv6/fragment/UDP
   * in enhanced packet blocks, a frame cut inside the source MAC, one cut inside the IPv4 destination address
   * (a source without a destination), and IPv4/UDP in a simple packet block, which has no timestamp.
   */
  @Test
  void everyRowsValueAndNullAndEveryBatchsNullCountAreTheFrames() throws Exception {
    SplittableRandom random = new SplittableRandom(6);
    List<Shape> shapes = new ArrayList<>();
    CaptureFileWriter.Pcapng capture = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section().iface(1, 65535);
    for (int i = 0; i < PACKETS; i++) {
      Shape shape = Shape.values()[random.nextInt(Shape.values().length)];
      shapes.add(shape);
      if (shape.timestamped) {
        capture.epb(0, T0_MICROS + i, shape.frame);
      } else {
        capture.spb(shape.frame);
      }
    }
    Path file = capture.write(dir.resolve("shapes.pcapng"));

    List<Object[]> expected = new ArrayList<>();
    for (int i = 0; i < PACKETS; i++) {
      Shape shape = shapes.get(i);
      Object[] row = new Object[COLUMNS.length];
      row[0] = shape.timestamped ? (T0_MICROS + i) * 1000 : null;
      row[1] = shape.timestamped ? T0_MICROS + i : null;
      row[2] = (long) shape.frame.length;
      System.arraycopy(shape.decoded, 0, row, 3, shape.decoded.length);
      expected.add(row);
    }

    int[] read = {0};
    int[] batches = {0};
    forEachBatch(file, COLUMNS, BATCH_ROWS, batch -> {
      batches[0]++;
      for (int c = 0; c < COLUMNS.length; c++) {
        ColumnVector vector = batch.column(c);
        int nulls = 0;
        for (int row = 0; row < batch.numRows(); row++) {
          Object want = expected.get(read[0] + row)[c];
          String at = COLUMNS[c] + " of packet " + (read[0] + row);
          assertEquals(want == null, vector.isNullAt(row), at + " null");
          if (want != null) {
            assertEquals(want, valueOf(vector, COLUMNS[c], row), at);
          } else {
            nulls++;
          }
        }
        assertEquals(nulls, vector.numNulls(), COLUMNS[c] + " null count of batch " + batches[0]);
        assertEquals(nulls > 0, vector.hasNull(), COLUMNS[c] + " has nulls in batch " + batches[0]);
      }
      read[0] += batch.numRows();
    });
    assertEquals(PACKETS, read[0]);
    assertTrue(batches[0] > 3, "batches: " + batches[0]);
  }

  /**
   * IPv6 addresses of 39-character texts, mostly distinct, more text than the address cache's arena holds:
   * batches end early where the arena is full, and every row has its addresses after the arena started over
   * (the cache emptied with it: half the sources recur, so a stale reference would show). Java's own
   * address text is the expected one (without zero groups it is RFC 5952's).
   */
  @Test
  void addressTextsStayRightWhereTheArenaStartsOver() throws Exception {
    int packets = 6 * AddressTextCache.ARENA_BYTES / (2 * 39);
    SplittableRandom random = new SplittableRandom(7);
    List<String[]> expected = new ArrayList<>();
    CaptureFileWriter.Pcapng capture = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section().iface(1, 65535);
    byte[][] recurring = new byte[100][];
    for (int i = 0; i < recurring.length; i++) {
      recurring[i] = noZeroGroupAddress(random);
    }
    for (int i = 0; i < packets; i++) {
      // every other source recurs, so that the cache hits after the arena started over too
      byte[] src = i % 2 == 0 ? recurring[random.nextInt(recurring.length)] : noZeroGroupAddress(random);
      byte[] dst = noZeroGroupAddress(random);
      byte[] ipv6 = new byte[48];
      ipv6[0] = 0x60;
      ipv6[5] = 8;
      ipv6[6] = 17;
      ipv6[7] = 64;
      System.arraycopy(src, 0, ipv6, 8, 16);
      System.arraycopy(dst, 0, ipv6, 24, 16);
      ipv6[45] = 8;
      capture.epb(0, T0_MICROS + i, HandFrames.ethernet(0x86dd, ipv6));
      expected.add(new String[] {InetAddress.getByAddress(src).getHostAddress(),
          InetAddress.getByAddress(dst).getHostAddress()});
    }
    Path file = capture.write(dir.resolve("ipv6.pcapng"));

    List<Integer> batchRows = new ArrayList<>();
    int[] read = {0};
    forEachBatch(file, new String[] {"src_ip", "dst_ip"}, DEFAULT_ROWS, batch -> {
      for (int row = 0; row < batch.numRows(); row++) {
        String[] want = expected.get(read[0] + row);
        assertEquals(want[0], batch.column(0).getUTF8String(row).toString(), "src_ip of packet " + (read[0] + row));
        assertEquals(want[1], batch.column(1).getUTF8String(row).toString(), "dst_ip of packet " + (read[0] + row));
      }
      read[0] += batch.numRows();
      batchRows.add(batch.numRows());
    });
    assertEquals(packets, read[0]);
    long endedByArena = batchRows.subList(0, batchRows.size() - 1).stream().filter(n -> n < DEFAULT_ROWS).count();
    assertTrue(endedByArena >= 4, "batches that ended before their row capacity: " + endedByArena);
  }

  private static byte[] noZeroGroupAddress(SplittableRandom random) {
    byte[] address = new byte[16];
    for (int i = 0; i < 16; i += 2) {
      address[i] = (byte) (0x10 + random.nextInt(0xf0));
      address[i + 1] = (byte) random.nextInt(256);
    }
    return address;
  }

  private static Object valueOf(ColumnVector vector, String column, int row) {
    return switch (column) {
      case "eth_type", "src_port" -> (long) vector.getInt(row);
      case "src_mac", "src_ip", "dst_ip" -> vector.getUTF8String(row).toString();
      default -> vector.getLong(row);
    };
  }

  /** Reads the columns of a file through a record source and a batch writer, each batch valid in check. */
  private static void forEachBatch(Path file, String[] columns, int batchRows, Consumer<ColumnarBatch> check)
      throws IOException {
    long length = file.toFile().length();
    PcapInputPartition partition = new PcapInputPartition(
        List.of(new PcapFileSplit(CaptureSplit.whole(file.toUri().toString(), length), null, length)), new String[0]);
    StructType schema = new StructType();
    for (String name : columns) {
      schema = schema.add(PcapSchema.SCHEMA.apply(name));
    }
    try (PcapRecordSource source = new PcapRecordSource(partition, new Configuration(), ReadMode.PERMISSIVE);
        PcapBatchWriter writer = new PcapBatchWriter(schema, batchRows, PcapReadOptions.DEFAULT_BATCH_BYTES)) {
      String path = source.nextSplit();
      writer.startBatch(path);
      for (PacketRecord record = source.nextRecord(); record != null; record = source.nextRecord()) {
        if (writer.isFull()) {
          check.accept(writer.batch());
          writer.startBatch(path);
        }
        writer.write(record);
      }
      check.accept(writer.batch());
    }
  }
}
