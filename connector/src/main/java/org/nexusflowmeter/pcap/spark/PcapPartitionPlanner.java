package org.nexusflowmeter.pcap.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;

/**
 * Cuts the files of a scan into splits and packs the splits into partitions, on the driver.
 * Compressed files are one split each (a codec stream cannot start mid-file); uncompressed files larger than
 * the split size are cut by the format layer at record boundaries it can prove; smaller ones are taken
 * whole without being opened. Packing follows Spark's FilePartition: largest first, each split costing its
 * bytes plus the open cost, a partition closed when the next split would take it past the split size.
 */
final class PcapPartitionPlanner {
  private static final int MAX_PREFERRED_HOSTS = 3;

  private final Configuration conf;
  private final long splitBytes;
  private final long openCostInBytes;
  private final CompressionCodecFactory codecs;

  PcapPartitionPlanner(Configuration conf, long splitBytes, long openCostInBytes) {
    this.conf = conf;
    this.splitBytes = splitBytes;
    this.openCostInBytes = openCostInBytes;
    this.codecs = new CompressionCodecFactory(conf);
  }

  List<PcapInputPartition> plan(List<FileStatus> files) {
    List<LocatedSplit> splits = new ArrayList<>();
    try {
      for (FileStatus file : files) {
        addSplits(file, splits);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan the splits of " + files.size() + " capture files", e);
    }
    splits.sort(Comparator.comparingLong((LocatedSplit s) -> s.split.sizeInBytes).reversed());
    return pack(splits);
  }

  private void addSplits(FileStatus file, List<LocatedSplit> out) throws IOException {
    Path path = file.getPath();
    String pathText = path.toString();
    long length = file.getLen();
    FileSystem fs = path.getFileSystem(conf);
    BlockLocation[] blocks = fs.getFileBlockLocations(file, 0, length);
    CompressionCodec codec = codecs.getCodec(path);
    if (codec != null) {
      CaptureSplit whole = CaptureSplit.whole(pathText, -1);
      out.add(new LocatedSplit(new PcapFileSplit(whole, codec.getClass().getName(), length), blocks, 0, length));
      return;
    }
    if (length <= splitBytes) {
      CaptureSplit whole = CaptureSplit.whole(pathText, length);
      out.add(new LocatedSplit(new PcapFileSplit(whole, null, length), blocks, 0, length));
      return;
    }
    List<CaptureSplit> planned = CaptureReaders.plan(pathText, length, splitBytes,
        () -> new HadoopSeekableInput(fs.open(path), length));
    for (CaptureSplit split : planned) {
      long end = Math.min(split.end, length);
      out.add(new LocatedSplit(new PcapFileSplit(split, null, end - split.start), blocks, split.start, end));
    }
  }

  private List<PcapInputPartition> pack(List<LocatedSplit> splits) {
    List<PcapInputPartition> partitions = new ArrayList<>();
    List<LocatedSplit> current = new ArrayList<>();
    long currentSize = 0;
    for (LocatedSplit split : splits) {
      if (!current.isEmpty() && currentSize + split.split.sizeInBytes > splitBytes) {
        partitions.add(toPartition(current));
        current = new ArrayList<>();
        currentSize = 0;
      }
      current.add(split);
      currentSize += split.split.sizeInBytes + openCostInBytes;
    }
    if (!current.isEmpty()) {
      partitions.add(toPartition(current));
    }
    return partitions;
  }

  /** The hosts holding the most bytes of the partition's splits; "localhost" says nothing, as in Spark. */
  private static PcapInputPartition toPartition(List<LocatedSplit> splits) {
    Map<String, Long> bytesByHost = new HashMap<>();
    List<PcapFileSplit> fileSplits = new ArrayList<>(splits.size());
    for (LocatedSplit split : splits) {
      fileSplits.add(split.split);
      split.addHostBytes(bytesByHost);
    }
    String[] hosts = bytesByHost.entrySet().stream()
        .filter(e -> !e.getKey().equals("localhost"))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(MAX_PREFERRED_HOSTS)
        .map(Map.Entry::getKey)
        .toArray(String[]::new);
    return new PcapInputPartition(fileSplits, hosts);
  }

  /** A split with the file's block locations, for its preferred hosts. */
  private static final class LocatedSplit {
    final PcapFileSplit split;
    final BlockLocation[] blocks;
    final long start;
    final long end;

    LocatedSplit(PcapFileSplit split, BlockLocation[] blocks, long start, long end) {
      this.split = split;
      this.blocks = blocks;
      this.start = start;
      this.end = end;
    }

    void addHostBytes(Map<String, Long> bytesByHost) {
      if (blocks == null) {
        return;
      }
      for (BlockLocation block : blocks) {
        long overlap = Math.min(end, block.getOffset() + block.getLength()) - Math.max(start, block.getOffset());
        if (overlap <= 0) {
          continue;
        }
        try {
          for (String host : block.getHosts()) {
            bytesByHost.merge(host, overlap, Long::sum);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
