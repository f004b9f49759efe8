package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.flow.PacketView;

/**
 * Which packets make flows, and the narrow packet rows the engine reads (flow spec section 1).
 *
 * <p>A record makes a flow packet when it parsed ({@code parse_error} null), has a timestamp (a pcapng simple
 * packet block has none, so it has no place in time order), and is IP with both addresses or ARP with both
 * protocol addresses. The rest is counted in the run summary by {@link #CATEGORY}.
 */
final class FlowPackets {
  static final int ETH_TYPE_ARP = 0x0806;

  /** Column names of the narrow rows, in the order {@link PacketRowReader} reads them. */
  static final String KEY_FILE = "k_file";
  static final String KEY_PROTOCOL = "k_protocol";
  static final String KEY_LOW = "k_low";
  static final String KEY_HIGH = "k_high";

  static final String MALFORMED = "malformed";
  static final String UNTIMED = "untimed";
  static final String NON_IP = "non_ip";
  static final String UNKEYED = "unkeyed";
  static final String FLOW = "flow";

  private FlowPackets() {}

  private static final Column IS_ARP = col("eth_type").equalTo(ETH_TYPE_ARP).and(col("arp_op").isNotNull());
  private static final Column IS_IP = col("ip_version").isNotNull();
  private static final Column HAS_ADDRESSES = col("src_ip").isNotNull().and(col("dst_ip").isNotNull());

  /**
   * What a record is to the flow job: malformed, untimed, non_ip (neither IP nor ARP), unkeyed (IP or ARP whose
   * addresses the capture cut off or that is not IPv4 ARP), or flow.
   */
  static final Column CATEGORY = when(col("parse_error").isNotNull(), MALFORMED)
      .when(col("timestamp_ns").isNull(), UNTIMED)
      .when(IS_IP.or(IS_ARP).unary_$bang(), NON_IP)
      .when(HAS_ADDRESSES.unary_$bang(), UNKEYED)
      .otherwise(FLOW);

  /**
   * The flow packets of {@code packets} as narrow rows: the canonical key (file when files are kept apart,
   * protocol, the smaller and the larger endpoint text), then what the engine reads.
   */
  static Dataset<Row> keyed(Dataset<Row> packets, boolean filesKeptApart) {
    Column protocol = when(IS_IP, col("ip_protocol")).otherwise(lit(PacketView.PROTOCOL_ARP));
    Column srcEndpoint = concat_ws("|", col("src_ip"), coalesce(col("src_port"), lit(PacketView.NO_PORT)));
    Column dstEndpoint = concat_ws("|", col("dst_ip"), coalesce(col("dst_port"), lit(PacketView.NO_PORT)));
    // transport payload by spec columns 18-20; the source already applies that rule in l4_payload_length. It is
    // null only where a header the rule needs was cut off (e.g. a TCP header by the snaplen): counted as 0.
    Column payload = when(IS_IP, coalesce(col("l4_payload_length"), lit(0))).otherwise(lit(0));
    return packets.where(CATEGORY.equalTo(FLOW)).select(
        (filesKeptApart ? col("file_path") : lit("")).as(KEY_FILE),
        protocol.as(KEY_PROTOCOL),
        least(srcEndpoint, dstEndpoint).as(KEY_LOW),
        greatest(srcEndpoint, dstEndpoint).as(KEY_HIGH),
        col("timestamp_ns"),
        col("file_path"),
        col("file_offset"),
        col("src_ip"),
        col("dst_ip"),
        col("src_port"),
        col("dst_port"),
        col("original_length"),
        payload.cast("long").as("payload_length"),
        col("tcp_flags"),
        coalesce(col("fragment_offset"), lit(0)).as("fragment_offset"));
  }
}
