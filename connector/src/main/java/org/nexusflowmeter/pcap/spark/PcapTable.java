package org.nexusflowmeter.pcap.spark;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The packets of a set of capture files. The files are listed when the table is made, that is at
 * {@code load()}, so that a path that does not exist fails there, as with Spark's file sources.
 */
final class PcapTable implements SupportsRead {
  private final SparkSession session;
  private final PcapReadOptions options;
  private final Configuration conf;
  private final List<FileStatus> files;

  PcapTable(SparkSession session, PcapReadOptions options) {
    this.session = session;
    this.options = options;
    this.conf = HadoopConfigurations.forRead(session, options);
    this.files = CaptureFileLister.list(options, conf);
  }

  @Override
  public String name() {
    return "pcap " + options.paths;
  }

  @Override
  public StructType schema() {
    return PcapSchema.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new PcapScanBuilder(session, options, conf, files);
  }
}
