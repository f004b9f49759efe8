package org.nexusflowmeter.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * {@code --protocols}: which flows go out. {@code icmp} is ICMP and ICMPv6; {@code dns} is a TCP or UDP flow with
 * port 53 (DNS), 5353 (mDNS) or 5355 (LLMNR) at either end; {@code all} anywhere turns the filter off.
 */
final class ProtocolSelection {
  static final List<String> VALID = List.of("tcp", "udp", "icmp", "arp", "dns", "all");
  static final ProtocolSelection ALL = new ProtocolSelection(Set.of());
  private static final Object[] DNS_PORTS = {53, 5353, 5355};

  /** The chosen names in the order typed, without {@code all}; empty when everything is selected. */
  private final Set<String> names;

  private ProtocolSelection(Set<String> names) {
    this.names = names;
  }

  /** A comma-separated list in any letter case; an unknown or empty name is a usage error naming the valid ones. */
  static ProtocolSelection parse(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String item : list.split(",", -1)) {
      String name = item.trim().toLowerCase(Locale.ROOT);
      if (!VALID.contains(name)) {
        throw new UsageException("--protocols: unknown protocol '" + item.trim() + "' (valid: "
            + String.join(", ", VALID) + ")");
      }
      names.add(name);
    }
    return names.contains("all") ? ALL : new ProtocolSelection(names);
  }

  boolean selectsAll() {
    return names.isEmpty();
  }

  /** The names as typed, lower case, e.g. {@code tcp, dns}; {@code all} when there is no filter. */
  String describe() {
    return selectsAll() ? "all" : String.join(", ", names);
  }

  /** The condition a flow row meets to be kept; {@code lit(true)} when everything is selected. */
  Column condition() {
    if (selectsAll()) {
      return lit(true);
    }
    List<Column> any = new ArrayList<>();
    for (String name : names) {
      any.add(conditionOf(name));
    }
    Column condition = any.get(0);
    for (Column next : any.subList(1, any.size())) {
      condition = condition.or(next);
    }
    return condition;
  }

  private static Column conditionOf(String name) {
    Column protocol = col("protocol");
    switch (name) {
      case "tcp":
        return protocol.equalTo("TCP");
      case "udp":
        return protocol.equalTo("UDP");
      case "icmp":
        return protocol.isin("ICMP", "ICMPv6");
      case "arp":
        return protocol.equalTo("ARP");
      case "dns":
        return protocol.isin("TCP", "UDP")
            .and(col("src_port").isin(DNS_PORTS).or(col("dst_port").isin(DNS_PORTS)));
      default:
        throw new IllegalStateException("no condition for " + name);
    }
  }
}
