package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * Which packets make flows (flow spec section 1), written as a Spark SQL column over the packet table: the
 * independent count that the flow job's own per-row rule ({@link PacketFields}) is tested against.
 *
 * <p>A record makes a flow packet when it parsed ({@code parse_error} null), has a timestamp (a pcapng simple
 * packet block has none, so it has no place in time order), and is IP with both addresses or ARP with both
 * protocol addresses.
 */
final class FlowPackets {
  static final int ETH_TYPE_ARP = 0x0806;

  static final String MALFORMED = "malformed";
  static final String UNTIMED = "untimed";
  static final String NON_IP = "non_ip";
  static final String UNKEYED = "unkeyed";
  static final String FLOW = "flow";

  private FlowPackets() {}

  private static final Column IS_ARP = col("eth_type").equalTo(ETH_TYPE_ARP).and(col("arp_op").isNotNull());
  private static final Column IS_IP = col("ip_version").isNotNull();
  private static final Column HAS_KEY = col("src_ip").isNotNull().and(col("dst_ip").isNotNull())
      .and(IS_ARP.or(col("ip_protocol").isNotNull()));

  /**
   * What a record is to the flow job: malformed, untimed, non_ip (neither IP nor ARP), unkeyed (IP or ARP whose
   * addresses the capture cut off or that is not IPv4 ARP), or flow.
   */
  static final Column CATEGORY = when(col("parse_error").isNotNull(), MALFORMED)
      .when(col("timestamp_ns").isNull(), UNTIMED)
      .when(IS_IP.or(IS_ARP).unary_$bang(), NON_IP)
      .when(HAS_KEY.unary_$bang(), UNKEYED)
      .otherwise(FLOW);
}
