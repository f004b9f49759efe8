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

/** A batch scan of the table's files with the columns Spark asked for. */
final class PcapScan implements Scan, Batch {
  static final String MAX_PARTITION_BYTES_CONF = "spark.sql.files.maxPartitionBytes";
  static final String OPEN_COST_CONF = "spark.sql.files.openCostInBytes";
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
    return new PcapPartitionPlanner(conf, maxPartitionBytes, openCostInBytes).plan(files)
        .toArray(new InputPartition[0]);
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
