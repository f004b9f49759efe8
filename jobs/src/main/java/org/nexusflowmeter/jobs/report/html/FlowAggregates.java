package org.nexusflowmeter.jobs.report.html;

import static org.apache.spark.sql.functions.array;
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
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
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
 * The report's numbers as Spark aggregations over the flow table; only aggregated rows (a few hundred at most)
 * reach the driver. Four jobs: one grouping for the totals, protocols, states and both histograms at once (each
 * flow counted once per facet), one for the number of addresses, one for the top talkers, one for the timeline.
 * The flow table is narrowed to the columns the report reads and, unless the caller persisted it already, kept
 * in memory or on disk meanwhile, so the flow job runs once.
 */
final class FlowAggregates {
  static final int TOP_TALKERS = 10;

  private static final String START_US = "start_us";
  private static final String END_US = "end_us";
  private static final String PACKETS = "total_packets";
  private static final String BYTES = "total_bytes";
  private static final String FACET = "facet";
  private static final String KEY = "key";
  private static final String SENT = "sent";
  private static final String RECEIVED = "received";
  private static final String BUCKET = "bucket";

  private static final String ALL = "all";
  private static final String PROTOCOL = "protocol";
  private static final String TCP_STATE = "tcp_state";
  private static final String DURATION = "duration";
  private static final String SIZE = "size";

  private FlowAggregates() {}

  static ReportData of(Dataset<Row> flowTable) {
    Dataset<Row> flows = flowTable.select(col("src_ip"), col("dst_ip"), col(PROTOCOL),
        unix_micros(col("start_time")).as(START_US), unix_micros(col("end_time")).as(END_US),
        col("duration_seconds"), col(PACKETS), col(BYTES), col("forward_bytes"), col("backward_bytes"),
        col("total_payload_bytes"), col("is_bidirectional"), col("connection_state"));
    boolean persistedHere = flowTable.storageLevel().equals(StorageLevel.NONE());
    if (persistedHere) {
      flows = flows.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      List<Row> facets = facets(flows);
      Dataset<Row> perHost = perHost(flows);
      Headline headline = headline(facets, perHost);
      return new ReportData(headline, categories(facets, PROTOCOL), categories(facets, TCP_STATE),
          bins(facets, DURATION), bins(facets, SIZE), talkers(perHost),
          headline.flows() == 0 ? null : timeline(flows, headline.firstMicros(), headline.lastMicros()));
    } finally {
      if (persistedHere) {
        flows.unpersist();
      }
    }
  }

  /**
   * Flows, packets, bytes, payload bytes, bidirectional flows, first start and last end per (facet, key): the
   * whole table under facet "all", then per protocol, per TCP connection state, per duration decade and per size
   * exponent. Rows: [facet, key, flows, packets, bytes, payload, bidirectional, first, last].
   */
  private static List<Row> facets(Dataset<Row> flows) {
    Column tcpState = when(col(PROTOCOL).equalTo("TCP"), col("connection_state"));
    Column facet = explode(array(
        facet(ALL, lit("")),
        facet(PROTOCOL, col(PROTOCOL)),
        facet(TCP_STATE, tcpState),
        facet(DURATION, LogBins.durationDecade(col("duration_seconds")).cast("string")),
        facet(SIZE, LogBins.sizeExponent(col(BYTES)).cast("string"))));
    return flows.select(facet.as("f"), col(PACKETS), col(BYTES), col("total_payload_bytes"),
            col("is_bidirectional"), col(START_US), col(END_US))
        .where(col("f." + KEY).isNotNull())
        .groupBy(col("f." + FACET), col("f." + KEY))
        .agg(count(lit(1)), sum(PACKETS), sum(BYTES), sum("total_payload_bytes"),
            count(when(col("is_bidirectional"), lit(1))), min(START_US), max(END_US))
        .collectAsList();
  }

  private static Column facet(String name, Column key) {
    return struct(lit(name).as(FACET), key.as(KEY));
  }

  private static Headline headline(List<Row> facets, Dataset<Row> perHost) {
    for (Row row : facets) {
      if (row.getString(0).equals(ALL)) {
        return new Headline(row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6),
            perHost.count(), row.getLong(7), row.getLong(8));
      }
    }
    return new Headline(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Flows, packets and bytes per key of {@code facet}, most flows first, ties by name. */
  private static List<Category> categories(List<Row> facets, String facet) {
    List<Category> categories = new ArrayList<>();
    for (Row row : facets) {
      if (row.getString(0).equals(facet)) {
        categories.add(new Category(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4)));
      }
    }
    categories.sort(Comparator.comparingLong(Category::flows).reversed().thenComparing(Category::name));
    return categories;
  }

  /** Flows per bin of {@code facet}, in bin order. */
  private static List<Bin> bins(List<Row> facets, String facet) {
    List<Bin> bins = new ArrayList<>();
    for (Row row : facets) {
      if (row.getString(0).equals(facet)) {
        bins.add(new Bin(Integer.parseInt(row.getString(1)), row.getLong(2)));
      }
    }
    bins.sort(Comparator.comparingInt(Bin::index));
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
