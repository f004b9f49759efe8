package org.nexusflowmeter.pcap.spark.it;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector on a real multi-process Spark: a standalone master and worker in JVMs of their own, two
 * executor JVMs started by the worker, the connector shipped to them as a jar through spark.jars, the
 * driver in this JVM. The split read equals a local one-split-per-file read, and ran in the executors.
 */
class StandaloneClusterReadTest {
  @TempDir Path temp;

  @Test
  void splitReadOnExecutorJvmsEqualsLocalRead() throws Exception {
    CaptureSet captures = CaptureSet.write(temp.resolve("captures"));
    String dir = captures.dir.toUri().toString();
    Path jar = ConnectorJar.build(temp.resolve("nexusflowmeter-connector.jar"));
    try (StandaloneCluster cluster =
        StandaloneCluster.launch(FakeSparkHome.create(temp.resolve("spark-home")), 2, "2g")) {
      // The reference read runs in-process while the master and worker JVMs boot.
      List<String> expected;
      SparkSession local = LoopbackSpark.fresh(LoopbackSpark.builder("local[2]", "reference"));
      try {
        expected = PcapRows.lines(PcapRows.read(local, dir, PcapRows.WHOLE_FILES));
      } finally {
        local.stop();
      }
      cluster.awaitWorker();
      SparkSession spark = LoopbackSpark.fresh(LoopbackSpark.builder(cluster.masterUrl(), "StandaloneClusterReadTest")
          .config("spark.jars", jar.toString())
          .config("spark.executor.cores", "1")
          .config("spark.executor.memory", "512m")
          .config("spark.cores.max", "2"));
      try {
        Dataset<Row> split = PcapRows.read(spark, dir, PcapRows.SMALL_SPLIT);
        assertTrue(PcapRows.partitions(split) >= captures.totalBytes() / (2 * PcapRows.SMALL_SPLIT));
        // One pass on the cluster: the compared fields plus the pid of the JVM that read each row
        // (java_method is nondeterministic, so it stays in the scan's stage, on the executor).
        List<String> actual = new ArrayList<>();
        Map<String, Long> goodPackets = new TreeMap<>();
        Set<Long> readerPids = new HashSet<>();
        int pidField = PcapRows.COMPARED_FIELDS;
        for (Row row : PcapRows.comparable(split,
                expr("java_method('java.lang.ProcessHandle', 'current')").as("reader_pid"))
            .collectAsList()) {
          actual.add(PcapRows.line(row, pidField));
          if (row.isNullAt(pidField - 1)) {
            goodPackets.merge(row.getString(0), 1L, Long::sum);
          }
          readerPids.add(Long.parseLong(row.getString(pidField)));
        }
        assertEquals(new TreeMap<>(captures.goodPackets), goodPackets);
        assertEquals(expected, actual, cluster::logs);

        long driverPid = ProcessHandle.current().pid();
        assertFalse(readerPids.contains(driverPid), "rows were read in the driver JVM " + driverPid);
        assertEquals(2, readerPids.size(), "two executor JVMs read the splits: " + readerPids);
      } finally {
        spark.stop();
      }
    }
  }
}
