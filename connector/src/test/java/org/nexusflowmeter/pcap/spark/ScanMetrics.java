package org.nexusflowmeter.pcap.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.jdk.javaapi.CollectionConverters;

/** Runs a query and reads the custom metrics its pcap scan reported, as the Spark UI shows them. */
final class ScanMetrics {
  private final Map<String, SQLMetric> metrics;

  private ScanMetrics(Map<String, SQLMetric> metrics) {
    this.metrics = metrics;
  }

  /** Collects the query, then finds its one scan node in the executed (adaptive) plan. */
  static ScanMetrics collect(Dataset<Row> query) {
    query.collectAsList();
    List<BatchScanExec> scans = new ArrayList<>();
    findScans(query.queryExecution().executedPlan(), scans);
    if (scans.size() != 1) {
      throw new AssertionError("expected one scan in the plan, found " + scans.size() + ": "
          + query.queryExecution().executedPlan());
    }
    return new ScanMetrics(CollectionConverters.asJava(scans.get(0).metrics()));
  }

  long value(String name) {
    SQLMetric metric = metrics.get(name);
    if (metric == null) {
      throw new AssertionError("the scan has no metric " + name + ": " + metrics.keySet());
    }
    return metric.value();
  }

  private static void findScans(SparkPlan plan, List<BatchScanExec> out) {
    if (plan instanceof BatchScanExec) {
      out.add((BatchScanExec) plan);
    } else if (plan instanceof AdaptiveSparkPlanExec) {
      findScans(((AdaptiveSparkPlanExec) plan).executedPlan(), out);
    } else if (plan instanceof QueryStageExec) {
      findScans(((QueryStageExec) plan).plan(), out);
    }
    for (SparkPlan child : CollectionConverters.asJava(plan.children())) {
      findScans(child, out);
    }
  }
}
