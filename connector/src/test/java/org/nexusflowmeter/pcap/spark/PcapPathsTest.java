package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nexusflowmeter.pcap.testutil.LocalSpark;

/**
 * Which files a read takes: one file, a directory, a glob, a list of paths, subdirectories with
 * recursiveFileLookup, pathGlobFilter, hidden files, and a path that matches nothing.
 *
 * <pre>
 * root/a.pcap (3 packets)   root/b.pcapng (4)   root/_hidden.pcap (5)   root/.dot.pcap (6)
 * root/sub/c.pcap (7)       root/sub/deeper/d.pcapng (8)
 * </pre>
 */
class PcapPathsTest {
  private static SparkSession spark;

  @TempDir
  static Path root;

  @BeforeAll
  static void setUp() throws Exception {
    spark = LocalSpark.start("PcapPathsTest");
    SampleCaptures.pcap(root.resolve("a.pcap"), 3);
    SampleCaptures.pcapng(root.resolve("b.pcapng"), 4);
    SampleCaptures.pcap(root.resolve("_hidden.pcap"), 5);
    SampleCaptures.pcap(root.resolve(".dot.pcap"), 6);
    Files.createDirectories(root.resolve("sub/deeper"));
    SampleCaptures.pcap(root.resolve("sub/c.pcap"), 7);
    SampleCaptures.pcapng(root.resolve("sub/deeper/d.pcapng"), 8);
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void oneFile() {
    assertEquals(Map.of("a.pcap", 3L), packetsPerFile(reader().load(root.resolve("a.pcap").toString())));
  }

  @Test
  void directoryReadsItsVisibleFilesOnly() {
    assertEquals(Map.of("a.pcap", 3L, "b.pcapng", 4L), packetsPerFile(reader().load(root.toString())));
  }

  @Test
  void recursiveFileLookupReadsSubdirectories() {
    Dataset<Row> df = reader().option("recursiveFileLookup", "true").load(root.toString());
    assertEquals(Map.of("a.pcap", 3L, "b.pcapng", 4L, "c.pcap", 7L, "d.pcapng", 8L), packetsPerFile(df));
  }

  @Test
  void pathGlobFilterMatchesFileNames() {
    Dataset<Row> df = reader().option("recursiveFileLookup", "true").option("pathGlobFilter", "*.pcapng")
        .load(root.toString());
    assertEquals(Map.of("b.pcapng", 4L, "d.pcapng", 8L), packetsPerFile(df));
  }

  @Test
  void globPath() {
    Dataset<Row> df = reader().load(root.resolve("sub").toString() + "/*/*.pcap*");
    assertEquals(Map.of("d.pcapng", 8L), packetsPerFile(df));
  }

  @Test
  void listOfPathsGivenToLoad() {
    Dataset<Row> df = reader().load(root.resolve("a.pcap").toString(), root.resolve("sub").toString(),
        root.resolve("sub/deeper/d.pcapng").toString());
    assertEquals(Map.of("a.pcap", 3L, "c.pcap", 7L, "d.pcapng", 8L), packetsPerFile(df));
  }

  @Test
  void pathOption() {
    Dataset<Row> df = reader().option("path", root.resolve("sub/c.pcap").toString()).load();
    assertEquals(Map.of("c.pcap", 7L), packetsPerFile(df));
  }

  @Test
  void theSameFileNamedTwiceIsReadOnce() {
    Dataset<Row> df = reader().load(root.resolve("a.pcap").toString(), root.toString());
    assertEquals(Map.of("a.pcap", 3L, "b.pcapng", 4L), packetsPerFile(df));
  }

  @Test
  void missingPathFailsAtLoad() {
    String missing = root.resolve("no-such-file.pcap").toString();
    Exception e = assertThrows(Exception.class, () -> reader().load(missing));
    assertTrue(e.getMessage().contains("Path does not exist") && e.getMessage().contains(missing), e.getMessage());
    assertEquals("PATH_NOT_FOUND", ((SparkThrowable) e).getCondition());
  }

  @Test
  void globMatchingNothingFails() {
    Exception e = assertThrows(Exception.class, () -> reader().load(root.resolve("*.nothing").toString()));
    assertTrue(e.getMessage().contains("Path does not exist"), e.getMessage());
  }

  private static DataFrameReader reader() {
    return spark.read().format("pcap");
  }

  /** File name → rows, from one groupBy over file_path. */
  private static Map<String, Long> packetsPerFile(Dataset<Row> df) {
    Map<String, Long> counts = new TreeMap<>();
    List<Row> rows = df.groupBy("file_path").count().collectAsList();
    for (Row row : rows) {
      String path = row.getString(0);
      counts.put(path.substring(path.lastIndexOf('/') + 1), row.getLong(1));
    }
    return counts;
  }
}
