package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The columns of a pcap table, in schema order. {@link #decoded} says whether a value needs the packet
 * decoder, so that a scan selecting none of those never calls it.
 */
public enum PcapColumn {
  FILE_PATH("file_path", DataTypes.StringType, false),
  FILE_OFFSET("file_offset", DataTypes.LongType, false),
  TIMESTAMP("timestamp", DataTypes.TimestampType, false),
  TIMESTAMP_NS("timestamp_ns", DataTypes.LongType, false),
  INTERFACE_ID("interface_id", DataTypes.IntegerType, false),
  LINK_TYPE("link_type", DataTypes.IntegerType, false),
  CAPTURED_LENGTH("captured_length", DataTypes.IntegerType, false),
  ORIGINAL_LENGTH("original_length", DataTypes.LongType, false),
  SRC_MAC("src_mac", DataTypes.StringType, true),
  DST_MAC("dst_mac", DataTypes.StringType, true),
  ETH_TYPE("eth_type", DataTypes.IntegerType, true),
  VLAN_IDS("vlan_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
  MPLS_LABELS("mpls_labels", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
  IP_VERSION("ip_version", DataTypes.IntegerType, true),
  SRC_IP("src_ip", DataTypes.StringType, true),
  DST_IP("dst_ip", DataTypes.StringType, true),
  SRC_IP_BYTES("src_ip_bytes", DataTypes.BinaryType, true),
  DST_IP_BYTES("dst_ip_bytes", DataTypes.BinaryType, true),
  IP_PROTOCOL("ip_protocol", DataTypes.IntegerType, true),
  IP_HEADER_LENGTH("ip_header_length", DataTypes.IntegerType, true),
  IP_DSFIELD("ip_dsfield", DataTypes.IntegerType, true),
  TTL("ttl", DataTypes.IntegerType, true),
  IP_ID("ip_id", DataTypes.LongType, true),
  DONT_FRAGMENT("dont_fragment", DataTypes.BooleanType, true),
  MORE_FRAGMENTS("more_fragments", DataTypes.BooleanType, true),
  FRAGMENT_OFFSET("fragment_offset", DataTypes.IntegerType, true),
  SRC_PORT("src_port", DataTypes.IntegerType, true),
  DST_PORT("dst_port", DataTypes.IntegerType, true),
  TCP_FLAGS("tcp_flags", DataTypes.IntegerType, true),
  TCP_SEQ("tcp_seq", DataTypes.LongType, true),
  TCP_ACK("tcp_ack", DataTypes.LongType, true),
  TCP_WINDOW("tcp_window", DataTypes.IntegerType, true),
  TCP_HEADER_LENGTH("tcp_header_length", DataTypes.IntegerType, true),
  IP_PAYLOAD_LENGTH("ip_payload_length", DataTypes.IntegerType, true),
  L4_PAYLOAD_LENGTH("l4_payload_length", DataTypes.IntegerType, true),
  ICMP_TYPE("icmp_type", DataTypes.IntegerType, true),
  ICMP_CODE("icmp_code", DataTypes.IntegerType, true),
  ARP_OP("arp_op", DataTypes.IntegerType, true),
  DATA("data", DataTypes.BinaryType, false),
  PARSE_ERROR("parse_error", DataTypes.StringType, false);

  public final String columnName;
  public final DataType type;
  public final boolean decoded;

  PcapColumn(String columnName, DataType type, boolean decoded) {
    this.columnName = columnName;
    this.type = type;
    this.decoded = decoded;
  }
}
