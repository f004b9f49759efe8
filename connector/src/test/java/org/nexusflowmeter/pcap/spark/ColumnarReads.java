package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import scala.jdk.javaapi.CollectionConverters;

/** Reads through the columnar and the row path of the pcap source and compares what they give. */
final class ColumnarReads {
  private ColumnarReads() {}

  static DataFrameReader reader(SparkSession spark, boolean columnar, Map<String, String> options) {
    return spark.read().format("pcap").options(options).option("columnar", Boolean.toString(columnar));
  }

  /** Every column of every record, ordered by file and offset. */
  static List<Row> allRows(SparkSession spark, boolean columnar, Map<String, String> options, String path) {
    Dataset<Row> packets = reader(spark, columnar, options).load(path);
    return packets.orderBy("file_path", "file_offset").collectAsList();
  }

  /** Asserts equal row lists, naming the first row and column that differ. */
  static void assertSameRows(List<Row> expected, List<Row> actual, String label) {
    int common = Math.min(expected.size(), actual.size());
    for (int i = 0; i < common; i++) {
      Row e = expected.get(i);
      Row a = actual.get(i);
      if (!e.equals(a)) {
        for (int c = 0; c < e.length(); c++) {
          Row ec = org.apache.spark.sql.RowFactory.create(e.get(c));
          Row ac = org.apache.spark.sql.RowFactory.create(a.get(c));
          assertEquals(ec, ac, label + ": row " + i + " column " + e.schema().fields()[c].name());
        }
        assertEquals(e, a, label + ": row " + i);
      }
    }
    assertEquals(expected.size(), actual.size(), label + ": rows");
  }

  /** Whether the query's pcap scan handed Spark column batches. */
  static boolean scannedColumnar(Dataset<Row> query) {
    List<SparkPlan> scans = find(query.queryExecution().executedPlan(), BatchScanExec.class);
    assertEquals(1, scans.size(), "pcap scans in " + query.queryExecution().executedPlan());
    return scans.get(0).supportsColumnar();
  }

  /** Collects the query, then reads how many column batches became rows (Spark's numInputBatches). */
  static long inputBatches(Dataset<Row> query) {
    query.collectAsList();
    List<SparkPlan> nodes = find(query.queryExecution().executedPlan(), ColumnarToRowExec.class);
    assertEquals(1, nodes.size(), "column-to-row nodes in " + query.queryExecution().executedPlan());
    return nodes.get(0).metrics().apply("numInputBatches").value();
  }

  private static List<SparkPlan> find(SparkPlan plan, Class<? extends SparkPlan> type) {
    List<SparkPlan> out = new ArrayList<>();
    collect(plan, type, out);
    return out;
  }

  private static void collect(SparkPlan plan, Class<? extends SparkPlan> type, List<SparkPlan> out) {
    if (type.isInstance(plan)) {
      out.add(plan);
    }
    if (plan instanceof AdaptiveSparkPlanExec) {
      collect(((AdaptiveSparkPlanExec) plan).executedPlan(), type, out);
    } else if (plan instanceof QueryStageExec) {
      collect(((QueryStageExec) plan).plan(), type, out);
    }
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      collect(child, type, out);
    }
  }
}
