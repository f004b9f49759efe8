package org.nexusflowmeter.pcap.spark.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.split;

import java.util.ArrayList;
import java.util.Arrays;
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
  /** Number of fields {@link #comparable} puts before the extra columns; parse_error is the last. */
  static final int COMPARED_FIELDS = 14;

  private PcapRows() {}

  static Dataset<Row> read(SparkSession spark, String path, long maxPartitionBytes) {
    return spark.read().format("pcap").option("maxPartitionBytes", maxPartitionBytes).load(path);
  }

  /** Every record as text: position, time, lengths, link, addresses, ports, a hash of the bytes, error. */
  static List<String> lines(Dataset<Row> packets) {
    List<String> lines = new ArrayList<>();
    for (Row row : comparable(packets).collectAsList()) {
      lines.add(line(row, COMPARED_FIELDS));
    }
    return lines;
  }

  /**
   * The compared fields of every record, sorted by file and offset, then the extra columns: the
   * first {@link #COMPARED_FIELDS} fields of each row are what {@link #line} joins.
   */
  static Dataset<Row> comparable(Dataset<Row> packets, Column... extra) {
    Column fileName = element_at(split(col("file_path"), "/"), -1);
    List<Column> columns = new ArrayList<>(List.of(
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
        expr("sha2(data, 256)").as("data_sha256"),
        // errors name the file by its full path, which differs between file systems
        expr("replace(parse_error, file_path, element_at(split(file_path, '/'), -1))").as("parse_error")));
    columns.addAll(Arrays.asList(extra));
    return packets.select(columns.toArray(new Column[0])).orderBy("file", "file_offset");
  }

  /** The first fields of a {@link #comparable} row joined by '|'. */
  static String line(Row row, int fields) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < fields; i++) {
      text.append(i == 0 ? "" : "|").append(row.get(i));
    }
    return text.toString();
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
