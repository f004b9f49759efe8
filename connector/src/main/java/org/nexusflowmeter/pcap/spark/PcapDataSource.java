package org.nexusflowmeter.pcap.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read().format("pcap").load(paths)}: one row per record of classic pcap and pcapng files,
 * plain or compressed, on any Hadoop file system. The schema is fixed ({@link PcapSchema}).
 */
public final class PcapDataSource implements TableProvider, DataSourceRegister {
  public static final String SHORT_NAME = "pcap";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return PcapSchema.SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new PcapTable(SparkSession.active(), PcapReadOptions.parse(properties));
  }
}
