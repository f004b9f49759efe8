package org.nexusflowmeter.pcap.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** Builds the Hadoop Configuration of one read, layered as Spark's file sources layer it. */
final class HadoopConfigurations {
  private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  private HadoopConfigurations() {}

  /**
   * The SparkContext's configuration, then the session's settings (a session-level spark.hadoop.x also
   * sets x), then the read's options, so that e.g. option("fs.s3a.endpoint", ...) applies to this read only.
   */
  static Configuration forRead(SparkSession session, PcapReadOptions options) {
    Configuration conf = new Configuration(session.sparkContext().hadoopConfiguration());
    for (Map.Entry<String, String> e : CollectionConverters.asJava(session.conf().getAll()).entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      conf.set(e.getKey(), e.getValue());
      if (e.getKey().startsWith(SPARK_HADOOP_PREFIX)) {
        conf.set(e.getKey().substring(SPARK_HADOOP_PREFIX.length()), e.getValue());
      }
    }
    for (Map.Entry<String, String> e : options.hadoopOptions.entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }
}
