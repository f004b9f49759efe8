package org.nexusflowmeter.jobs.flows;

import java.util.Map;
import java.util.TreeMap;

/** Collects each task's {@link PacketCounts} by file, a task counted once however often it runs. */
final class PacketCountsAccumulator extends PerTaskAccumulator<PacketCountsAccumulator.TaskCounts> {
  private static final long serialVersionUID = 1L;

  /** One task's counts: its partition and its counts by file. */
  record TaskCounts(int partition, Map<String, PacketCounts> byFile) implements java.io.Serializable {}

  @Override
  protected long taskOf(TaskCounts counts) {
    return counts.partition();
  }

  @Override
  protected PacketCountsAccumulator empty() {
    return new PacketCountsAccumulator();
  }

  /** Every file's counts, its splits added up, by path. */
  Map<String, PacketCounts> byFile() {
    Map<String, PacketCounts> files = new TreeMap<>();
    for (TaskCounts task : value().values()) {
      for (PacketCounts counts : task.byFile().values()) {
        files.computeIfAbsent(counts.path, PacketCounts::new).add(counts);
      }
    }
    return files;
  }
}
