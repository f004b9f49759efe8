package org.nexusflowmeter.pcap.spark;

/** How the batch writer fills a column: each kind is written by a loop of its own. */
enum ColumnKind {
  /** file_path: one constant vector per batch. */
  FILE_PATH,
  /** An int field of the record itself (interface, link type, captured length). */
  RECORD_INT,
  /** A long field of the record itself (offset, original length). */
  RECORD_LONG,
  /** A timestamp of the record, null when the record has none. */
  RECORD_TIME,
  /** An int field of the decoded packet, null when absent (-1). */
  DECODED_INT,
  /** A long field of the decoded packet, null when absent (-1). */
  DECODED_LONG,
  /** The text of a MAC or IP address, an array shared by the rows of that address. */
  ADDRESS_TEXT,
  /** Every other column: its own rule for null, arrays, bytes. */
  OTHER;

  static ColumnKind of(PcapColumn column) {
    return switch (column) {
      case FILE_PATH -> FILE_PATH;
      case INTERFACE_ID, LINK_TYPE, CAPTURED_LENGTH -> RECORD_INT;
      case FILE_OFFSET, ORIGINAL_LENGTH -> RECORD_LONG;
      case TIMESTAMP, TIMESTAMP_NS -> RECORD_TIME;
      case ETH_TYPE, IP_PROTOCOL, IP_HEADER_LENGTH, IP_DSFIELD, TTL, FRAGMENT_OFFSET, SRC_PORT, DST_PORT, TCP_FLAGS,
          TCP_WINDOW, TCP_HEADER_LENGTH, IP_PAYLOAD_LENGTH, L4_PAYLOAD_LENGTH, ICMP_TYPE, ICMP_CODE, ARP_OP ->
          DECODED_INT;
      case IP_ID, TCP_SEQ, TCP_ACK -> DECODED_LONG;
      case SRC_MAC, DST_MAC, SRC_IP, DST_IP -> ADDRESS_TEXT;
      case VLAN_IDS, MPLS_LABELS, IP_VERSION, SRC_IP_BYTES, DST_IP_BYTES, DONT_FRAGMENT, MORE_FRAGMENTS, DATA,
          PARSE_ERROR -> OTHER;
    };
  }
}
