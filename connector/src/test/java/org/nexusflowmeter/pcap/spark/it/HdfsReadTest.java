package org.nexusflowmeter.pcap.spark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read from a real (in-process) HDFS cluster, split far smaller than the files and than their HDFS
 * blocks, gives exactly the rows of a one-split-per-file read of the same files on local disk.
 */
class HdfsReadTest {
  /** Small blocks, so that files span several and splits cross block boundaries. */
  private static final long BLOCK_SIZE = 128 * 1024;

  @TempDir static Path temp;
  private static MiniDFSCluster cluster;
  private static SparkSession spark;
  private static CaptureSet captures;

  @BeforeAll
  static void start() throws Exception {
    captures = CaptureSet.write(temp.resolve("local"));
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, temp.resolve("hdfs").toString());
    conf.setLong("dfs.namenode.fs-limits.min-block-size", 0);
    conf.setLong("dfs.blocksize", BLOCK_SIZE);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitClusterUp();
    FileSystem hdfs = cluster.getFileSystem();
    hdfs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(captures.dir.toUri()),
        new org.apache.hadoop.fs.Path("/captures"));
    spark = LoopbackSpark.fresh(LoopbackSpark.builder("local[2]", "HdfsReadTest"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Test
  void splitReadFromHdfsEqualsWholeFileReadFromLocalDisk() throws Exception {
    String hdfsDir = cluster.getURI() + "/captures";
    assertTrue(cluster.getFileSystem().getFileStatus(new org.apache.hadoop.fs.Path("/captures/traffic.pcap"))
        .getLen() > 3 * BLOCK_SIZE, "the hand-built pcap spans several HDFS blocks");

    Dataset<Row> local = PcapRows.read(spark, captures.dir.toUri().toString(), PcapRows.WHOLE_FILES);
    Dataset<Row> split = PcapRows.read(spark, hdfsDir, PcapRows.SMALL_SPLIT);

    assertTrue(PcapRows.partitions(split) >= captures.totalBytes() / (2 * PcapRows.SMALL_SPLIT),
        "split read has " + PcapRows.partitions(split) + " partitions for " + captures.totalBytes() + " bytes");
    assertEquals(new TreeMap<>(captures.goodPackets), new TreeMap<>(PcapRows.goodPacketsPerFile(split)));
    List<String> expected = PcapRows.lines(local);
    List<String> actual = PcapRows.lines(split);
    assertEquals(expected.size(), actual.size());
    assertEquals(expected, actual);
  }
}
