package org.nexusflowmeter.pcap.spark;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/** A batch scan of the table's files with the columns Spark asked for. */
final class PcapScan implements Scan, Batch {
  static final String MAX_PARTITION_BYTES_CONF = "spark.sql.files.maxPartitionBytes";
  static final String OPEN_COST_CONF = "spark.sql.files.openCostInBytes";
  private static final String MIN_PARTITION_NUM_CONF = "spark.sql.files.minPartitionNum";
  private static final String LEAF_NODE_PARALLELISM_CONF = "spark.sql.leafNodeDefaultParallelism";
  private static final String DEFAULT_MAX_PARTITION_BYTES = "128m";
  private static final String DEFAULT_OPEN_COST = "4m";

  private final SparkSession session;
  private final PcapReadOptions options;
  private final Configuration conf;
  private final List<FileStatus> files;
  private final StructType readSchema;
  private final long maxPartitionBytes;
  private final long openCostInBytes;
  private Broadcast<SerializableConfiguration> broadcastConf;

  PcapScan(SparkSession session, PcapReadOptions options, Configuration conf, List<FileStatus> files,
      StructType readSchema) {
    this.session = session;
    this.options = options;
    this.conf = conf;
    this.files = files;
    this.readSchema = readSchema;
    this.maxPartitionBytes = options.maxPartitionBytes > 0 ? options.maxPartitionBytes
        : PcapReadOptions.parseByteSize(MAX_PARTITION_BYTES_CONF,
            session.conf().get(MAX_PARTITION_BYTES_CONF, DEFAULT_MAX_PARTITION_BYTES));
    this.openCostInBytes = PcapReadOptions.parseByteSize(OPEN_COST_CONF,
        session.conf().get(OPEN_COST_CONF, DEFAULT_OPEN_COST));
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    return "PcapScan files=" + files.size() + " paths=" + options.paths + " mode=" + options.mode
        + " maxPartitionBytes=" + maxPartitionBytes + " columns="
        + Arrays.stream(readSchema.fields()).map(StructField::name).collect(Collectors.joining(",", "[", "]"));
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    long totalBytes = 0;
    for (FileStatus file : files) {
      totalBytes += file.getLen() + openCostInBytes;
    }
    long splitBytes = splitBytes(maxPartitionBytes, openCostInBytes, totalBytes, minPartitions());
    return new PcapPartitionPlanner(conf, splitBytes, openCostInBytes).plan(files)
        .toArray(new InputPartition[0]);
  }

  /**
   * The size splits are cut to and packed up to, chosen as Spark's own file sources choose it
   * ({@code FilePartition.maxSplitBytes}): the split size, lowered so that an input smaller than a split per core
   * is still spread over {@code minPartitions} tasks, but never below the cost of opening a file.
   * {@code totalBytes} counts the open cost once per file, as Spark does.
   */
  static long splitBytes(long maxPartitionBytes, long openCostInBytes, long totalBytes, int minPartitions) {
    long bytesPerCore = totalBytes / Math.max(1, minPartitions);
    return Math.min(maxPartitionBytes, Math.max(openCostInBytes, bytesPerCore));
  }

  /** spark.sql.files.minPartitionNum, else the parallelism Spark gives a scan (as its file sources take them). */
  private int minPartitions() {
    Option<String> configured = session.conf().getOption(MIN_PARTITION_NUM_CONF);
    if (configured.isEmpty()) {
      configured = session.conf().getOption(LEAF_NODE_PARALLELISM_CONF);
    }
    return configured.isEmpty() ? session.sparkContext().defaultParallelism()
        : Integer.parseInt(configured.get().trim());
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new PcapPartitionReaderFactory(broadcastConf(), readSchema, options);
  }

  @Override
  public CustomMetric[] supportedCustomMetrics() {
    return PcapMetrics.all();
  }

  /** One broadcast per scan, however often Spark asks for a reader factory. */
  private synchronized Broadcast<SerializableConfiguration> broadcastConf() {
    if (broadcastConf == null) {
      broadcastConf = JavaSparkContext.fromSparkContext(session.sparkContext())
          .broadcast(new SerializableConfiguration(conf));
    }
    return broadcastConf;
  }
}
