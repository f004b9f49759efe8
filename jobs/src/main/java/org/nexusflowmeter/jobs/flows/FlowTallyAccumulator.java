package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * What the tasks that finish flows saw, by task: flows by protocol and connection state, and the keys they could
 * not decide. A task's tally replaces any earlier one of the same task, so a task that runs again is counted
 * once. This is how the job learns both without reading its flow table again.
 */
final class FlowTallyAccumulator extends AccumulatorV2<FlowTallyAccumulator.TaskTally,
    Map<Long, FlowTallyAccumulator.TaskTally>> {
  private static final long serialVersionUID = 1L;

  /** One task's tally; {@code task} is unique within a job run (the step in the high half, the partition). */
  static final class TaskTally implements Serializable {
    private static final long serialVersionUID = 1L;
    final long task;
    final Map<String, Map<String, Long>> flows = new HashMap<>();
    final List<String> undecidedFiles = new ArrayList<>();
    final List<byte[]> undecidedKeys = new ArrayList<>();

    TaskTally(long task) {
      this.task = task;
    }

    void flow(String protocol, String state) {
      flows.computeIfAbsent(protocol, p -> new HashMap<>()).merge(state, 1L, Long::sum);
    }

    void undecided(String keyFile, byte[] key) {
      undecidedFiles.add(keyFile);
      undecidedKeys.add(key);
    }
  }

  private final HashMap<Long, TaskTally> byTask = new HashMap<>();

  @Override
  public boolean isZero() {
    return byTask.isEmpty();
  }

  @Override
  public FlowTallyAccumulator copy() {
    FlowTallyAccumulator copy = new FlowTallyAccumulator();
    copy.byTask.putAll(byTask);
    return copy;
  }

  @Override
  public void reset() {
    byTask.clear();
  }

  @Override
  public void add(TaskTally tally) {
    byTask.put(tally.task, tally);
  }

  @Override
  public void merge(AccumulatorV2<TaskTally, Map<Long, TaskTally>> other) {
    byTask.putAll(other.value());
  }

  @Override
  public Map<Long, TaskTally> value() {
    return byTask;
  }

  /** Flows by protocol, then connection state, over all tasks. */
  Map<String, Map<String, Long>> flows() {
    Map<String, Map<String, Long>> all = new TreeMap<>();
    for (TaskTally tally : byTask.values()) {
      tally.flows.forEach((protocol, states) -> states.forEach((state, count) ->
          all.computeIfAbsent(protocol, p -> new TreeMap<>()).merge(state, count, Long::sum)));
    }
    return all;
  }

  /** The undecided keys of all tasks. */
  UndecidedKeys undecided(boolean filesKeptApart) {
    List<String> files = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (TaskTally tally : byTask.values()) {
      files.addAll(tally.undecidedFiles);
      keys.addAll(tally.undecidedKeys);
    }
    return new UndecidedKeys(files, keys, filesKeptApart);
  }
}
