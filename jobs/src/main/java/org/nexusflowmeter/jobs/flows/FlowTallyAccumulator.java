package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tasks that finish flows saw, by task: flows by protocol and connection state, and the keys they could
 * not decide, a task counted once however often it runs. This is how the job learns both without reading its
 * flow table again.
 */
final class FlowTallyAccumulator extends PerTaskAccumulator<FlowTallyAccumulator.TaskTally> {
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

  @Override
  protected long taskOf(TaskTally tally) {
    return tally.task;
  }

  @Override
  protected FlowTallyAccumulator empty() {
    return new FlowTallyAccumulator();
  }

  /** Flows by protocol, then connection state, over all tasks. */
  Map<String, Map<String, Long>> flows() {
    Map<String, Map<String, Long>> all = new TreeMap<>();
    for (TaskTally tally : value().values()) {
      tally.flows.forEach((protocol, states) -> states.forEach((state, count) ->
          all.computeIfAbsent(protocol, p -> new TreeMap<>()).merge(state, count, Long::sum)));
    }
    return all;
  }

  /** The undecided keys of all tasks. */
  UndecidedKeys undecided(boolean filesKeptApart) {
    List<String> files = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (TaskTally tally : value().values()) {
      files.addAll(tally.undecidedFiles);
      keys.addAll(tally.undecidedKeys);
    }
    return new UndecidedKeys(files, keys, filesKeptApart);
  }
}
