package org.nexusflowmeter.pcap.spark;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/** Takes the columns the query needs, so the scan computes only those. */
final class PcapScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns {
  private final SparkSession session;
  private final PcapReadOptions options;
  private final Configuration conf;
  private final List<FileStatus> files;
  private StructType requiredSchema = PcapSchema.SCHEMA;

  PcapScanBuilder(SparkSession session, PcapReadOptions options, Configuration conf, List<FileStatus> files) {
    this.session = session;
    this.options = options;
    this.conf = conf;
    this.files = files;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.requiredSchema = requiredSchema;
  }

  @Override
  public Scan build() {
    return new PcapScan(session, options, conf, files, requiredSchema);
  }
}
