package org.nexusflowmeter.pcap.spark.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads of a capture directory in the form the integration tests compare: one line per record, files
 * named without their directory or scheme (so hdfs://, s3a:// and local reads line up), sorted by file
 * and offset. Everything is plain DataFrame code, so executors need no test classes.
 */
final class PcapRows {
  /** Split size that cuts each test file into many splits; files are 0.1 to 3 MB. */
  static final long SMALL_SPLIT = 64 * 1024;
  /** Split size larger than any test file: one split per file, the reference read. */
  static final long WHOLE_FILES = 1L << 30;

  private PcapRows() {}

  static Dataset<Row> read(SparkSession spark, String path, long maxPartitionBytes) {
    return spark.read().format("pcap").option("maxPartitionBytes", maxPartitionBytes).load(path);
  }

  /** Every record as text: position, time, lengths, link, addresses, ports, a hash of the bytes, error. */
  static List<String> lines(Dataset<Row> packets) {
    Column fileName = element_at(split(col("file_path"), "/"), -1);
    List<String> lines = new ArrayList<>();
    for (Row row : packets.select(
            fileName.as("file"),
            col("file_offset"),
            col("timestamp_ns"),
            col("captured_length"),
            col("original_length"),
            col("link_type"),
            col("interface_id"),
            col("src_ip"),
            col("dst_ip"),
            col("ip_protocol"),
            col("src_port"),
            col("dst_port"),
            expr("sha2(data, 256)"),
            // errors name the file by its full path, which differs between file systems
            expr("replace(parse_error, file_path, element_at(split(file_path, '/'), -1))"))
        .orderBy("file", "file_offset")
        .collectAsList()) {
      lines.add(row.mkString("|"));
    }
    return lines;
  }

  /** File name → rows without a parse error. */
  static Map<String, Long> goodPacketsPerFile(Dataset<Row> packets) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row row : packets.where(col("parse_error").isNull())
        .groupBy(element_at(split(col("file_path"), "/"), -1).as("file")).agg(count("*"))
        .orderBy("file").collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  static int partitions(Dataset<Row> packets) {
    return packets.javaRDD().getNumPartitions();
  }
}
