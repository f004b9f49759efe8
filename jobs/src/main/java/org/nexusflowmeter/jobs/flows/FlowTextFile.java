package org.nexusflowmeter.jobs.flows;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes a flow table as one local CSV file or one JSON array. Every task formats its partition as a numbered
 * part, all in parallel; the driver then makes the file from the parts, copying bytes only:
 * <ul>
 *   <li>in the table's order: the parts one after another (a sorted table's partitions are its sorted ranges);</li>
 *   <li>in a {@link FlowSortOrder}: each task writes its rows, each after its {@link FlowSortKey}, as sorted
 *       runs of a bounded size ({@link SortedRunWriter}), and the driver merges all the runs. This is Spark's
 *       global sort without its sampling pass, its shuffle of every row and its per-task memory that grows with
 *       the partition.</li>
 * </ul>
 * Parts and the joined file are written beside the target under hidden names, so a failure leaves the target
 * as it was.
 */
final class FlowTextFile {
  private static final int FLUSH_BYTES = 1 << 16;
  private static final int STREAM_BUFFER = 1 << 16;
  /** Memory of a task's sorted run: large enough that a merge reads few runs, small beside a task's heap share. */
  static final int RUN_BYTES = 16 << 20;

  private FlowTextFile() {}

  /** {@code flows} in the table's order. */
  static void write(Dataset<Row> flows, boolean json, Path target, Path parts, Path partial) throws IOException {
    FlowTextFormat format = new FlowTextFormat(flows.schema(), json);
    Written written = writeParts(flows, format, null, 0, null, parts);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), STREAM_BUFFER)) {
      Joined joined = new Joined(out, format);
      for (WrittenPart part : written.parts()) {
        if (part.rows > 0) {
          joined.separate();
          Files.copy(parts.resolve(partName(part.partition)), out);
        }
      }
      joined.end();
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * {@code flows} in {@code order}, with sorted runs of {@code runBytes} (a power of two), each task also folding
   * the rows it writes into a fold made by {@code fold} (unless it is null); {@code tasksDone} runs when the tasks
   * have written their runs, before the driver merges them, with the tasks' folds merged (null without
   * {@code fold}).
   */
  static <F extends WrittenRowsFold<F>> void write(Dataset<Row> flows, FlowSortOrder order, boolean json,
      Path target, Path parts, Path partial, int runBytes, Function0<F> fold, Consumer<F> tasksDone)
      throws IOException {
    FlowTextFormat format = new FlowTextFormat(flows.schema(), json);
    FlowSortKey key = new FlowSortKey(flows.schema(), order);
    Written written = writeParts(flows, format, key, runBytes, fold, parts);
    tasksDone.accept(fold == null ? null : merged(written, fold));
    List<SortedRunMerge.Run> runs = new ArrayList<>();
    for (WrittenPart part : written.parts()) {
      for (SortedRunIndex run : part.runs) {
        runs.add(new SortedRunMerge.Run(parts.resolve(partName(part.partition)), run));
      }
    }
    SortedRunMerge.merge(runs, Joined.framing(format), partial, Runtime.getRuntime().availableProcessors());
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Written writeParts(Dataset<Row> flows, FlowTextFormat format, FlowSortKey key,
      int runBytes, Function0<? extends WrittenRowsFold<?>> fold, Path parts) throws IOException {
    Files.createDirectories(parts);
    return SparkRows.of(flows)
        .mapPartitionsWithIndex(new PartWriter(format, key, runBytes, fold, parts.toString()), false)
        .aggregate(new Written(), Written::add, Written::addAll);
  }

  /** The parts' folds merged; an empty fold when there are no parts. */
  @SuppressWarnings("unchecked")
  private static <F extends WrittenRowsFold<F>> F merged(Written written, Function0<F> fold) {
    try {
      return written.fold == null ? fold.call() : (F) written.fold;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the written rows' fold", e);
    }
  }

  /** The fold type of a write without a fold. */
  interface NoFold extends WrittenRowsFold<NoFold> {}

  private static String partName(int partition) {
    return String.format("part-%05d", partition);
  }

  /** The text around the rows: the CSV header, or the JSON array's brackets and the commas between objects. */
  private static final class Joined {
    private static final byte[] JSON_OPENING = {'['};
    private static final byte[] JSON_CLOSING = "\n]\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_BEFORE_FIRST = {'\n'};
    private static final byte[] JSON_BEFORE_OTHERS = {',', '\n'};
    private static final byte[] NOTHING = {};
    private final OutputStream out;
    private final SortedRunMerge.Framing framing;
    private boolean first = true;

    Joined(OutputStream out, FlowTextFormat format) throws IOException {
      this.out = out;
      this.framing = framing(format);
      out.write(framing.opening());
    }

    /** The CSV header before the rows; or JSON's brackets, a line break before each object and commas between. */
    static SortedRunMerge.Framing framing(FlowTextFormat format) {
      return format.isJson()
          ? new SortedRunMerge.Framing(JSON_OPENING, JSON_CLOSING, JSON_BEFORE_FIRST, JSON_BEFORE_OTHERS)
          : new SortedRunMerge.Framing(format.header(), NOTHING, NOTHING, NOTHING);
    }

    /** Before the next part. */
    void separate() throws IOException {
      out.write(first ? framing.beforeFirst() : framing.beforeOthers());
      first = false;
    }

    void end() throws IOException {
      out.write(framing.closing());
    }
  }

  /**
   * What a task wrote: its partition, its row count, for sorted parts its sorted runs' indexes, and the fold of
   * its rows if asked for.
   */
  static final class WrittenPart implements Serializable {
    private static final long serialVersionUID = 1L;
    final int partition;
    final long rows;
    /** For sorted parts, the part's sorted runs in the order written; none for parts in the table's order. */
    final List<SortedRunIndex> runs;
    /** The rows folded, when the write folds them. */
    final WrittenRowsFold<?> fold;

    WrittenPart(int partition, long rows, List<SortedRunIndex> runs, WrittenRowsFold<?> fold) {
      this.partition = partition;
      this.rows = rows;
      this.runs = runs;
      this.fold = fold;
    }
  }

  /**
   * What the tasks of a write wrote, gathered on the driver as each task ends (Spark's aggregate, which merges a
   * task's result when it arrives): the parts without their folds, and the folds merged into one at once. The
   * driver had collected every part with its fold and merged them after the last task, so it held one fold per
   * task until then (the reports' first pass: its duration buckets and address sums, about 3 MB): on a 19 GB
   * capture of 149 tasks most of its old generation, 600 full collections and over 50 CPU-seconds of the collector.
   */
  static final class Written implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<WrittenPart> parts = new ArrayList<>();
    /** The parts' folds merged, in any order (a fold's merge is order-free); null without folds. */
    private WrittenRowsFold<?> fold;

    Written add(WrittenPart part) {
      parts.add(new WrittenPart(part.partition, part.rows, part.runs, null));
      fold = merge(fold, part.fold);
      return this;
    }

    Written addAll(Written other) {
      parts.addAll(other.parts);
      fold = merge(fold, other.fold);
      return this;
    }

    /** The parts in partition order (they arrive in the order their tasks end). */
    List<WrittenPart> parts() {
      parts.sort(Comparator.comparingInt(part -> part.partition));
      return parts;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WrittenRowsFold<?> merge(WrittenRowsFold<?> one, WrittenRowsFold<?> other) {
      return one == null ? other : other == null ? one : (WrittenRowsFold<?>) ((WrittenRowsFold) one).merge(other);
    }
  }

  /**
   * Writes one partition as part file {@code part-NNNNN}: rows as CSV lines or JSON objects joined by ",\n", or,
   * with a sort key, each row framed as (length, key length, key, row) in sorted runs. A task attempt writes
   * under its own name and renames when complete, so a retried or speculative attempt never leaves half a part.
   */
  private static final class PartWriter
      implements Function2<Integer, Iterator<InternalRow>, Iterator<WrittenPart>> {
    private static final long serialVersionUID = 1L;
    private final FlowTextFormat format;
    private final FlowSortKey key;
    private final int runBytes;
    private final Function0<? extends WrittenRowsFold<?>> fold;
    private final String directory;

    PartWriter(FlowTextFormat format, FlowSortKey key, int runBytes, Function0<? extends WrittenRowsFold<?>> fold,
        String directory) {
      this.format = format;
      this.key = key;
      this.runBytes = runBytes;
      this.fold = fold;
      this.directory = directory;
    }

    @Override
    public Iterator<WrittenPart> call(Integer partition, Iterator<InternalRow> rows) throws Exception {
      Path dir = Path.of(directory);
      Path part = dir.resolve(partName(partition));
      TaskContext task = TaskContext.get();
      Path attempt = dir.resolve(partName(partition) + ".attempt-" + (task == null ? 0 : task.taskAttemptId()));
      WrittenPart written;
      try (OutputStream out = Files.newOutputStream(attempt)) {
        WrittenRowsFold<?> taskFold = fold == null ? null : fold.call();
        written = key == null ? writeInOrder(partition, rows, out)
            : writeSorted(partition, rows, taskFold, out);
        out.close();
        Files.move(attempt, part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Collections.singletonList(written).iterator();
    }

    private WrittenPart writeInOrder(int partition, Iterator<InternalRow> rows, OutputStream out)
        throws IOException {
      long count = 0;
      TextBuffer text = new TextBuffer(FLUSH_BYTES * 2);
      while (rows.hasNext()) {
        if (format.isJson() && count > 0) {
          text.append(',');
          text.append('\n');
        }
        format.append(rows.next(), text);
        count++;
        if (text.length() >= FLUSH_BYTES) {
          text.writeTo(out);
          text.clear();
        }
      }
      text.writeTo(out);
      return new WrittenPart(partition, count, List.of(), null);
    }

    private WrittenPart writeSorted(int partition, Iterator<InternalRow> rows, WrittenRowsFold<?> taskFold,
        OutputStream out) throws IOException {
      long count = 0;
      // the thread's run buffers: promoted once per thread, not once per task (SortedRunBuffers)
      SortedRunBuffers buffers = SortedRunBuffers.take();
      try {
        SortedRunWriter runs =
            new SortedRunWriter(new BufferedOutputStream(out, STREAM_BUFFER), runBytes, buffers);
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          TextBuffer text = runs.startRecord();
          key.append(row, text);
          runs.keyDone();
          format.append(row, text);
          runs.recordDone();
          if (taskFold != null) {
            taskFold.add(row);
          }
          count++;
        }
        return new WrittenPart(partition, count, runs.finish(), taskFold);
      } finally {
        buffers.giveBack();
      }
    }
  }
}
