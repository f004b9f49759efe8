package org.nexusflowmeter.pcap.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.GzipCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing splits into partitions as Spark's FilePartition does, without a Spark session. */
class PcapPartitionPlannerTest {
  @TempDir
  Path dir;

  /**
   * Split size 1200, open cost 100, files of 1000, 600, 500 and 300 bytes: largest first, a partition closes
   * when the next split would take it past 1200 (1000+100 | 600+100+500 | 300).
   */
  @Test
  void packsLargestFirstWithTheOpenCost() throws IOException {
    List<FileStatus> files = new ArrayList<>();
    for (int size : new int[] {300, 1000, 500, 600}) {
      files.add(status(Files.write(dir.resolve("f" + size + ".pcap"), new byte[size])));
    }
    List<PcapInputPartition> partitions = new PcapPartitionPlanner(new Configuration(), 1200, 100).plan(files);
    assertEquals(List.of(List.of("f1000.pcap"), List.of("f600.pcap", "f500.pcap"), List.of("f300.pcap")),
        names(partitions));
    PcapFileSplit first = partitions.get(0).splits()[0];
    assertEquals(0, first.split.start);
    assertEquals(1000, first.split.end);
    assertEquals(1000, first.split.fileLength);
    assertNull(first.codecClass);
    // the local file system reports "localhost" only, which says nothing about placement
    assertArrayEquals(new String[0], partitions.get(0).preferredLocations());
  }

  @Test
  void aCompressedFileIsOneWholeSplitOfUnknownLengthEvenWhenLarge() throws IOException {
    FileStatus gz = status(Files.write(dir.resolve("big.pcap.gz"), new byte[5000]));
    List<PcapInputPartition> partitions = new PcapPartitionPlanner(new Configuration(), 1200, 100).plan(List.of(gz));
    assertEquals(1, partitions.size());
    PcapFileSplit split = partitions.get(0).splits()[0];
    assertEquals(GzipCodec.class.getName(), split.codecClass);
    assertEquals(-1, split.split.fileLength);
    assertEquals(Long.MAX_VALUE, split.split.end);
    assertEquals(5000, split.sizeInBytes);
  }

  private static FileStatus status(Path file) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
    return FileSystem.getLocal(new Configuration()).getFileStatus(path);
  }

  private static List<List<String>> names(List<PcapInputPartition> partitions) {
    List<List<String>> names = new ArrayList<>();
    for (PcapInputPartition partition : partitions) {
      List<String> files = new ArrayList<>();
      for (PcapFileSplit split : partition.splits()) {
        files.add(new org.apache.hadoop.fs.Path(split.split.path).getName());
      }
      names.add(files);
    }
    return names;
  }
}
