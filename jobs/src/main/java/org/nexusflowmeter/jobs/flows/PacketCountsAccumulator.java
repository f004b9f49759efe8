package org.nexusflowmeter.jobs.flows;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Collects each task's {@link PacketCounts} by partition. A partition's counts replace any earlier ones for it,
 * so a task that runs again (a retry, a speculative copy, a lost stage recomputed) is counted once.
 */
final class PacketCountsAccumulator extends AccumulatorV2<PacketCountsAccumulator.TaskCounts,
    Map<Integer, Map<String, PacketCounts>>> {
  private static final long serialVersionUID = 1L;

  /** One task's counts: its partition and its counts by file. */
  record TaskCounts(int partition, Map<String, PacketCounts> byFile) implements java.io.Serializable {}

  private final HashMap<Integer, Map<String, PacketCounts>> byPartition = new HashMap<>();

  @Override
  public boolean isZero() {
    return byPartition.isEmpty();
  }

  @Override
  public PacketCountsAccumulator copy() {
    PacketCountsAccumulator copy = new PacketCountsAccumulator();
    copy.byPartition.putAll(byPartition);
    return copy;
  }

  @Override
  public void reset() {
    byPartition.clear();
  }

  @Override
  public void add(TaskCounts counts) {
    byPartition.put(counts.partition(), counts.byFile());
  }

  @Override
  public void merge(AccumulatorV2<TaskCounts, Map<Integer, Map<String, PacketCounts>>> other) {
    byPartition.putAll(other.value());
  }

  @Override
  public Map<Integer, Map<String, PacketCounts>> value() {
    return byPartition;
  }

  /** Every file's counts, its splits added up, by path. */
  Map<String, PacketCounts> byFile() {
    Map<String, PacketCounts> files = new TreeMap<>();
    for (Map<String, PacketCounts> task : byPartition.values()) {
      for (PacketCounts counts : task.values()) {
        files.computeIfAbsent(counts.path, PacketCounts::new).add(counts);
      }
    }
    return files;
  }
}
