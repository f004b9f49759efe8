package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.CaptureFileWriter;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/** Every column's name, type and value for hand-built frames, from classic pcap and from pcapng. */
class PcapColumnsTest {
  /** 2024-05-06T07:08:09.123456789Z */
  private static final long BASE_NS = 1_714_979_289_123_456_789L;
  private static final long STEP_NS = 1_000_500L;
  private static final int LINKTYPE_ETHERNET = 1;
  /** The last frame is written as if cut by a snaplen: its original length is this much larger. */
  private static final int CUT_BYTES = 100;

  private static SparkSession spark;

  @TempDir
  static Path dir;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("PcapColumnsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void schemaHasTheDocumentedColumnsInOrder() {
    String expected = "file_path:string,file_offset:bigint,timestamp:timestamp,timestamp_ns:bigint,"
        + "interface_id:int,link_type:int,captured_length:int,original_length:bigint,src_mac:string,"
        + "dst_mac:string,eth_type:int,vlan_ids:array<int>,mpls_labels:array<int>,ip_version:int,"
        + "src_ip:string,dst_ip:string,src_ip_bytes:binary,dst_ip_bytes:binary,ip_protocol:int,ip_header_length:int,ip_dsfield:int,ttl:int,"
        + "ip_id:bigint,dont_fragment:boolean,more_fragments:boolean,fragment_offset:int,src_port:int,"
        + "dst_port:int,tcp_flags:int,tcp_seq:bigint,tcp_ack:bigint,tcp_window:int,tcp_header_length:int,"
        + "ip_payload_length:int,l4_payload_length:int,icmp_type:int,icmp_code:int,arp_op:int,data:binary,"
        + "parse_error:string";
    StructType schema = spark.read().format("pcap").load(dir.toString()).schema();
    List<String> actual = new ArrayList<>();
    for (StructField field : schema.fields()) {
      actual.add(field.name() + ":" + field.dataType().simpleString());
    }
    assertEquals(expected, String.join(",", actual));
  }

  @Test
  void classicPcapRowsHoldEveryColumn() throws Exception {
    List<TestFrames.Frame> frames = TestFrames.all();
    CaptureFileWriter.Pcap pcap = CaptureFileWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, LINKTYPE_ETHERNET);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      offsets.add(pcap.offset());
      byte[] bytes = frames.get(i).bytes;
      pcap.packet(microsTimestampNs(i), bytes, bytes.length + (i == frames.size() - 1 ? CUT_BYTES : 0));
    }
    Path file = pcap.write(dir.resolve("frames.pcap"));

    List<Row> rows = readOrdered(file);
    assertEquals(frames.size(), rows.size());
    for (int i = 0; i < frames.size(); i++) {
      Row row = rows.get(i);
      long expectedNs = microsTimestampNs(i);
      assertRecordColumns(row, frames.get(i), file, offsets.get(i), expectedNs, 0, i == frames.size() - 1);
      assertDecodedColumns(row, frames.get(i));
    }
  }

  @Test
  void pcapngRowsHoldEveryColumnWithNanosecondsAndInterfaces() throws Exception {
    List<TestFrames.Frame> frames = TestFrames.all();
    // interface 0 counts nanoseconds (if_tsresol 9), interface 1 microseconds (the default, 6)
    CaptureFileWriter.Pcapng pcapng = CaptureFileWriter.pcapng(ByteOrder.LITTLE_ENDIAN).section()
        .iface(LINKTYPE_ETHERNET, 0, 9).iface(LINKTYPE_ETHERNET, 0);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      offsets.add(pcapng.offset());
      byte[] bytes = frames.get(i).bytes;
      long origLen = bytes.length + (i == frames.size() - 1 ? CUT_BYTES : 0);
      if (i % 2 == 0) {
        pcapng.epb(0, nanosTimestampNs(i), bytes, origLen);
      } else {
        pcapng.epb(1, microsTimestampNs(i) / 1000, bytes, origLen);
      }
    }
    Path file = pcapng.write(dir.resolve("frames.pcapng"));

    List<Row> rows = readOrdered(file);
    assertEquals(frames.size(), rows.size());
    for (int i = 0; i < frames.size(); i++) {
      Row row = rows.get(i);
      long expectedNs = i % 2 == 0 ? nanosTimestampNs(i) : microsTimestampNs(i);
      assertRecordColumns(row, frames.get(i), file, offsets.get(i), expectedNs, i % 2,
          i == frames.size() - 1);
      assertDecodedColumns(row, frames.get(i));
    }
  }

  private static long nanosTimestampNs(int i) {
    return BASE_NS + i * STEP_NS;
  }

  private static long microsTimestampNs(int i) {
    return (BASE_NS + i * STEP_NS) / 1000 * 1000;
  }

  private static List<Row> readOrdered(Path file) {
    return spark.read().format("pcap").load(file.toString()).orderBy("file_offset").collectAsList();
  }

  private static void assertRecordColumns(Row row, TestFrames.Frame frame, Path file, long offset, long ns,
      int interfaceId, boolean cut) {
    String label = frame.label;
    assertEquals(file.toUri().getPath(), new org.apache.hadoop.fs.Path(row.getAs("file_path").toString())
        .toUri().getPath(), label);
    assertEquals(offset, (long) row.getAs("file_offset"), label);
    assertEquals(ns, (long) row.getAs("timestamp_ns"), label);
    Timestamp timestamp = row.getAs("timestamp");
    assertEquals(Math.floorDiv(ns, 1_000_000L), timestamp.getTime(), label);
    assertEquals(ns % 1_000_000_000L / 1000 * 1000, timestamp.getNanos(), label + ": microsecond precision");
    assertEquals(interfaceId, (int) row.getAs("interface_id"), label);
    assertEquals(1, (int) row.getAs("link_type"), label);
    assertEquals(frame.bytes.length, (int) row.getAs("captured_length"), label);
    assertEquals(frame.bytes.length + (cut ? CUT_BYTES : 0), (long) row.getAs("original_length"), label);
    assertArrayEquals(frame.bytes, (byte[]) row.getAs("data"), label);
    assertNull(row.getAs("parse_error"), label);
  }

  private static void assertDecodedColumns(Row row, TestFrames.Frame frame) throws Exception {
    for (String column : TestFrames.DECODED_COLUMNS) {
      Object expected = frame.expected.get(column);
      Object actual = row.get(row.fieldIndex(column));
      if (actual instanceof scala.collection.Seq) {
        actual = row.getList(row.fieldIndex(column));
      }
      assertEquals(expected, actual, frame.label + ": " + column);
    }
    assertArrayEquals(addressBytes(frame.expected.get("src_ip")), row.getAs("src_ip_bytes"), frame.label);
    assertArrayEquals(addressBytes(frame.expected.get("dst_ip")), row.getAs("dst_ip_bytes"), frame.label);
  }

  /** The address's bytes by the JDK's parser, or null for no address. */
  private static byte[] addressBytes(Object text) throws java.net.UnknownHostException {
    return text == null ? null : java.net.InetAddress.getByName((String) text).getAddress();
  }
}
