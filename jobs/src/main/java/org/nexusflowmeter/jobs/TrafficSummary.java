package org.nexusflowmeter.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nexusflowmeter.flow.ProtocolNames;

/** What {@link PacketSummary} prints about a set of packet rows, computed with Spark. */
final class TrafficSummary {
  /** One source address and the bytes on the wire it sent. */
  record Talker(String address, long bytes, long packets) {}

  final long packets;
  /** Sum of original_length: bytes on the wire, whatever the snaplen cut. */
  final long wireBytes;
  /** Earliest and latest timestamp_ns; null when no row has a timestamp. */
  final Long firstNs;
  final Long lastNs;
  /** Packets per IP protocol name, most frequent first. */
  final Map<String, Long> packetsByProtocol;
  /** Top source addresses by wire bytes, largest first. */
  final List<Talker> topTalkers;
  /** Rows with a parse_error, and the first few of those errors. */
  final long malformed;
  final List<String> firstErrors;

  private TrafficSummary(long packets, long wireBytes, Long firstNs, Long lastNs,
      Map<String, Long> packetsByProtocol, List<Talker> topTalkers, long malformed, List<String> firstErrors) {
    this.packets = packets;
    this.wireBytes = wireBytes;
    this.firstNs = firstNs;
    this.lastNs = lastNs;
    this.packetsByProtocol = packetsByProtocol;
    this.topTalkers = topTalkers;
    this.malformed = malformed;
    this.firstErrors = firstErrors;
  }

  static TrafficSummary of(Dataset<Row> packets, int topTalkerCount, int errorCount) {
    Dataset<Row> rows = packets.select("timestamp_ns", "original_length", "src_ip", "ip_protocol", "parse_error")
        .cache();
    try {
      Row totals = rows.agg(
              count(lit(1)),
              sum("original_length"),
              min("timestamp_ns"),
              max("timestamp_ns"),
              sum(when(col("parse_error").isNotNull(), 1).otherwise(0)))
          .first();
      Map<String, Long> byProtocol = new LinkedHashMap<>();
      for (Row row : rows.groupBy("ip_protocol").count().orderBy(col("count").desc(), col("ip_protocol"))
          .collectAsList()) {
        byProtocol.merge(row.isNullAt(0) ? "non-IP" : ProtocolNames.of(((Number) row.get(0)).intValue()),
            row.getLong(1), Long::sum);
      }
      List<Talker> talkers = new ArrayList<>();
      for (Row row : rows.where(col("src_ip").isNotNull()).groupBy("src_ip")
          .agg(sum("original_length").as("bytes"), count(lit(1)).as("packets"))
          .orderBy(col("bytes").desc(), col("src_ip")).limit(topTalkerCount).collectAsList()) {
        talkers.add(new Talker(row.getString(0), row.getLong(1), row.getLong(2)));
      }
      List<String> errors = new ArrayList<>();
      for (Row row : rows.where(col("parse_error").isNotNull()).select("parse_error").limit(errorCount)
          .collectAsList()) {
        errors.add(row.getString(0));
      }
      return new TrafficSummary(
          totals.getLong(0),
          totals.isNullAt(1) ? 0 : totals.getLong(1),
          totals.isNullAt(2) ? null : totals.getLong(2),
          totals.isNullAt(3) ? null : totals.getLong(3),
          byProtocol,
          talkers,
          totals.isNullAt(4) ? 0 : totals.getLong(4),
          errors);
    } finally {
      rows.unpersist();
    }
  }
}
