package org.nexusflowmeter.jobs.report.html;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.nexusflowmeter.jobs.report.html.ReportData.Bin;
import org.nexusflowmeter.jobs.report.html.ReportData.Bucket;
import org.nexusflowmeter.jobs.report.html.ReportData.Category;
import org.nexusflowmeter.jobs.report.html.ReportData.Headline;
import org.nexusflowmeter.jobs.report.html.ReportData.Talker;
import org.nexusflowmeter.jobs.report.html.ReportData.Timeline;

/**
 * The report's numbers, each a Spark aggregation over the flow table; only the aggregated rows (a few hundred at
 * most) reach the driver. The flow table is narrowed to the columns the report reads and, unless the caller has
 * already persisted it, kept in memory or on disk for the few queries so the flow job runs once.
 */
final class FlowAggregates {
  static final int TOP_TALKERS = 10;

  private static final String START_US = "start_us";
  private static final String END_US = "end_us";
  private static final String PACKETS = "total_packets";
  private static final String BYTES = "total_bytes";
  private static final String FLOWS = "flows";
  private static final String SENT = "sent";
  private static final String RECEIVED = "received";
  private static final String BUCKET = "bucket";

  private FlowAggregates() {}

  static ReportData of(Dataset<Row> flowTable) {
    Dataset<Row> flows = flowTable.select(col("src_ip"), col("dst_ip"), col("protocol"),
        unix_micros(col("start_time")).as(START_US), unix_micros(col("end_time")).as(END_US),
        col("duration_seconds"), col(PACKETS), col(BYTES), col("forward_bytes"), col("backward_bytes"),
        col("total_payload_bytes"), col("is_bidirectional"), col("connection_state"));
    boolean persistedHere = flowTable.storageLevel().equals(StorageLevel.NONE());
    if (persistedHere) {
      flows = flows.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      Dataset<Row> perHost = perHost(flows);
      Headline headline = headline(flows, perHost.count());
      return new ReportData(headline,
          categories(flows, "protocol"),
          categories(flows.where(col("protocol").equalTo("TCP")), "connection_state"),
          bins(flows, LogBins.durationDecade(col("duration_seconds"))),
          bins(flows, LogBins.sizeExponent(col(BYTES))),
          talkers(perHost),
          headline.flows() == 0 ? null : timeline(flows, headline.firstMicros(), headline.lastMicros()));
    } finally {
      if (persistedHere) {
        flows.unpersist();
      }
    }
  }

  private static Headline headline(Dataset<Row> flows, long hosts) {
    Row totals = flows.agg(count(lit(1)), sum(PACKETS), sum(BYTES), sum("total_payload_bytes"),
        count(when(col("is_bidirectional"), lit(1))), min(START_US), max(END_US)).first();
    long flowCount = totals.getLong(0);
    if (flowCount == 0) {
      return new Headline(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Headline(flowCount, totals.getLong(1), totals.getLong(2), totals.getLong(3), totals.getLong(4),
        hosts, totals.getLong(5), totals.getLong(6));
  }

  /** Flows, packets and bytes per value of {@code column}, most flows first, ties by name. */
  private static List<Category> categories(Dataset<Row> flows, String column) {
    List<Category> categories = new ArrayList<>();
    for (Row row : flows.groupBy(col(column)).agg(count(lit(1)).as(FLOWS), sum(PACKETS), sum(BYTES))
        .orderBy(col(FLOWS).desc(), col(column).asc()).collectAsList()) {
      categories.add(new Category(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3)));
    }
    return categories;
  }

  /** Flows per bin, in bin order. */
  private static List<Bin> bins(Dataset<Row> flows, Column binOfFlow) {
    List<Bin> bins = new ArrayList<>();
    for (Row row : flows.groupBy(binOfFlow.as("bin")).agg(count(lit(1))).orderBy(col("bin")).collectAsList()) {
      bins.add(new Bin(row.getInt(0), row.getLong(1)));
    }
    return bins;
  }

  /** Bytes each address sent and received: a flow counts once for its source, once for its destination. */
  private static Dataset<Row> perHost(Dataset<Row> flows) {
    Dataset<Row> ends = flows.select(col("src_ip").as("address"), col("forward_bytes").as(SENT),
            col("backward_bytes").as(RECEIVED))
        .union(flows.select(col("dst_ip"), col("backward_bytes"), col("forward_bytes")));
    return ends.groupBy(col("address")).agg(sum(SENT).as(SENT), sum(RECEIVED).as(RECEIVED));
  }

  private static List<Talker> talkers(Dataset<Row> perHost) {
    List<Talker> talkers = new ArrayList<>();
    for (Row row : perHost.orderBy(col(SENT).plus(col(RECEIVED)).desc(), col("address").asc())
        .limit(TOP_TALKERS).collectAsList()) {
      talkers.add(new Talker(row.getString(0), row.getLong(1), row.getLong(2)));
    }
    return talkers;
  }

  /**
   * Packets and bytes per time bucket. A flow's packets and bytes are spread evenly over its lifetime: each
   * bucket it overlaps gets the share of the flow's duration that falls in it (a zero-duration flow gives all to
   * its one bucket). Flows hold no per-packet times, so this is the closest the table can tell.
   */
  private static Timeline timeline(Dataset<Row> flows, long firstMicros, long lastMicros) {
    long width = TimeBuckets.width(firstMicros, lastMicros);
    long origin = TimeBuckets.origin(firstMicros, width);
    int bucketCount = (int) TimeBuckets.count(firstMicros, lastMicros, width);
    Column start = col(START_US);
    Column end = col(END_US);
    Column bucketStart = lit(origin).plus(col(BUCKET).multiply(width));
    Column overlap = least(end, bucketStart.plus(width)).minus(greatest(start, bucketStart));
    Column share = when(end.equalTo(start), lit(1.0)).otherwise(overlap.divide(end.minus(start)));
    Dataset<Row> perBucket = flows
        .select(start, end, col(PACKETS), col(BYTES),
            explode(sequence(bucketOf(start, origin, width), bucketOf(end, origin, width))).as(BUCKET))
        .groupBy(col(BUCKET))
        .agg(sum(col(PACKETS).multiply(share)), sum(col(BYTES).multiply(share)));
    double[] packets = new double[bucketCount];
    double[] bytes = new double[bucketCount];
    for (Row row : perBucket.collectAsList()) {
      int bucket = (int) row.getLong(0);
      packets[bucket] = row.getDouble(1);
      bytes[bucket] = row.getDouble(2);
    }
    List<Bucket> buckets = new ArrayList<>(bucketCount);
    for (int i = 0; i < bucketCount; i++) {
      buckets.add(new Bucket(packets[i], bytes[i]));
    }
    return new Timeline(origin, width, buckets);
  }

  private static Column bucketOf(Column micros, long origin, long width) {
    return floor(micros.minus(origin).divide(width)).cast("long");
  }
}
