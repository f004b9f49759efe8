package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Merges the output's sorted runs into the output file on several threads at once. The driver merged them alone
 * after the last task, a second or more of one busy core on a large output (reading every run back and writing the
 * file is mostly the kernel copying pages). The keys are cut into as many ranges as there are processors, at keys
 * sampled by the runs' indexes ({@link SortedRunIndex}); each range's edges in each run are found exactly, by
 * reading from the sample below at most {@link SortedRunIndex#SAMPLE_EVERY} records, and with them how many
 * records and text bytes each range holds. So each range's place in the file is known before anything is
 * written, and each range is merged by its own thread and written at its place. Records of equal keys stay in
 * one range (a range starts at the first record not below its splitter), so the file is byte for byte what one
 * merge of all the runs writes.
 */
final class SortedRunMerge {
  /** Fewer records than this a range are merged by one thread: a range's set-up is some thousand records read. */
  static final long MIN_RECORDS_PER_RANGE = 1 << 16;
  private static final int WRITE_BUFFER = 1 << 18;

  /** One sorted run: the part file it lies in and its index. Ties between runs go to the earlier in the list. */
  record Run(Path file, SortedRunIndex index) {}

  /** The text around the records: the file's opening and closing, and what goes before each record. */
  record Framing(byte[] opening, byte[] closing, byte[] beforeFirst, byte[] beforeOthers) {}

  /** Where a range starts in a run: the record's offset, and the run's records and text bytes before it. */
  private record Edge(long offset, long recordsBefore, long textBefore) {}

  private SortedRunMerge() {}

  /** Writes all records of {@code runs} in key order, framed, as the file {@code target}, on up to {@code threads}. */
  static void merge(List<Run> runs, Framing framing, Path target, int threads) throws IOException {
    merge(runs, framing, target, threads, MIN_RECORDS_PER_RANGE);
  }

  /** {@link #merge(List, Framing, Path, int)} with ranges of at least {@code minRecordsPerRange} records. */
  static void merge(List<Run> runs, Framing framing, Path target, int threads, long minRecordsPerRange)
      throws IOException {
    long records = 0;
    for (Run run : runs) {
      records += run.index.records;
    }
    int ranges = (int) Math.max(1, Math.min(threads, records / minRecordsPerRange));
    List<byte[]> splitters = splitters(runs, ranges);
    Edge[][] edges = new Edge[runs.size()][];
    for (int r = 0; r < runs.size(); r++) {
      edges[r] = edges(runs.get(r), splitters);
    }
    long[] rangeOffsets = new long[ranges + 1];
    long[] rangeFirstRecords = new long[ranges + 1];
    rangeOffsets[0] = framing.opening.length;
    for (int k = 0; k < ranges; k++) {
      long rangeRecords = 0;
      long rangeText = 0;
      for (Edge[] runEdges : edges) {
        rangeRecords += runEdges[k + 1].recordsBefore - runEdges[k].recordsBefore;
        rangeText += runEdges[k + 1].textBefore - runEdges[k].textBefore;
      }
      rangeFirstRecords[k + 1] = rangeFirstRecords[k] + rangeRecords;
      rangeOffsets[k + 1] = rangeOffsets[k] + rangeText + framingBytes(framing, rangeFirstRecords[k], rangeRecords);
    }
    try (FileChannel file = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(file, ByteBuffer.wrap(framing.opening), 0);
      if (ranges == 1) {
        mergeRange(runs, edges, 0, framing, rangeFirstRecords[0], file, rangeOffsets[0], rangeOffsets[1]);
      } else {
        mergeRanges(runs, edges, ranges, framing, rangeFirstRecords, file, rangeOffsets);
      }
      writeFully(file, ByteBuffer.wrap(framing.closing), rangeOffsets[ranges]);
    }
  }

  private static void mergeRanges(List<Run> runs, Edge[][] edges, int ranges, Framing framing,
      long[] rangeFirstRecords, FileChannel file, long[] rangeOffsets) throws IOException {
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(ranges, task -> {
      Thread thread = new Thread(task, "nexusflowmeter-merge-" + threadNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> merges = new ArrayList<>();
      for (int k = 0; k < ranges; k++) {
        int range = k;
        merges.add(pool.submit(() -> {
          mergeRange(runs, edges, range, framing, rangeFirstRecords[range], file, rangeOffsets[range],
              rangeOffsets[range + 1]);
          return null;
        }));
      }
      for (Future<?> merge : merges) {
        merge.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while merging the sorted runs", e);
    } catch (ExecutionException e) {
      throw ThreadFailures.cause(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Splitter keys cutting the sampled keys into {@code ranges} ranges of about equal counts, in key order. */
  private static List<byte[]> splitters(List<Run> runs, int ranges) {
    if (ranges == 1) {
      return List.of();
    }
    List<byte[]> samples = new ArrayList<>();
    for (Run run : runs) {
      samples.addAll(Arrays.asList(run.index.sampleKeys));
    }
    samples.sort(Arrays::compareUnsigned);
    List<byte[]> splitters = new ArrayList<>();
    for (int k = 1; k < ranges; k++) {
      splitters.add(samples.get((int) ((long) samples.size() * k / ranges)));
    }
    return splitters;
  }

  /** The run's range edges: its start, where each splitter's range starts in it, its end. */
  private static Edge[] edges(Run run, List<byte[]> splitters) throws IOException {
    SortedRunIndex index = run.index;
    Edge[] edges = new Edge[splitters.size() + 2];
    edges[0] = new Edge(index.start, 0, 0);
    for (int k = 0; k < splitters.size(); k++) {
      edges[k + 1] = firstNotBelow(run, splitters.get(k));
    }
    edges[edges.length - 1] = new Edge(index.end, index.records, index.textBytes);
    return edges;
  }

  /** Where the run's first record whose key is not below {@code splitter} starts (its end if there is none). */
  private static Edge firstNotBelow(Run run, byte[] splitter) throws IOException {
    SortedRunIndex index = run.index;
    // the last sample below the splitter: the first record of the range is after it, within SAMPLE_EVERY records
    int below = -1;
    int low = 0;
    int high = index.sampleKeys.length - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (Arrays.compareUnsigned(index.sampleKeys[middle], splitter) < 0) {
        below = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (below < 0) {
      return new Edge(index.start, 0, 0);
    }
    long records = index.sampleRecordsBefore[below];
    long text = index.sampleTextBefore[below];
    try (SortedRunReader reader = new SortedRunReader(0, run.file, index.sampleOffsets[below], index.end)) {
      while (reader.advance()) {
        if (reader.compareKey(splitter) >= 0) {
          return new Edge(reader.recordStart, records, text);
        }
        records++;
        text += reader.rowLength;
      }
    }
    return new Edge(index.end, records, text);
  }

  /** Bytes of the text before each of {@code records} records, the first of which is record {@code first}. */
  private static long framingBytes(Framing framing, long first, long records) {
    if (records == 0) {
      return 0;
    }
    long beforeFirst = first == 0 ? framing.beforeFirst.length : framing.beforeOthers.length;
    return beforeFirst + (records - 1) * framing.beforeOthers.length;
  }

  /** Merges range {@code range} of every run and writes it at {@code offset}, where it must end at {@code end}. */
  private static void mergeRange(List<Run> runs, Edge[][] edges, int range, Framing framing, long firstRecord,
      FileChannel file, long offset, long end) throws IOException {
    PriorityQueue<SortedRunReader> heads = new PriorityQueue<>();
    List<SortedRunReader> open = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    long position = offset;
    long record = firstRecord;
    try {
      for (int r = 0; r < runs.size(); r++) {
        Edge start = edges[r][range];
        Edge stop = edges[r][range + 1];
        if (start.offset < stop.offset) {
          SortedRunReader reader = new SortedRunReader(r, runs.get(r).file, start.offset, stop.offset);
          open.add(reader);
          if (reader.advance()) {
            heads.add(reader);
          }
        }
      }
      while (!heads.isEmpty()) {
        SortedRunReader first = heads.poll();
        byte[] before = record++ == 0 ? framing.beforeFirst : framing.beforeOthers;
        if (buffer.remaining() < before.length + first.rowLength) {
          position = flush(file, buffer, position);
        }
        if (buffer.remaining() < before.length + first.rowLength) {
          // a record longer than the buffer goes out by itself
          position = writeFully(file, ByteBuffer.wrap(before), position);
          position = writeFully(file, ByteBuffer.wrap(first.row, 0, first.rowLength), position);
        } else {
          buffer.put(before);
          buffer.put(first.row, 0, first.rowLength);
        }
        if (first.advance()) {
          heads.add(first);
        }
      }
      position = flush(file, buffer, position);
    } finally {
      for (SortedRunReader reader : open) {
        reader.close();
      }
    }
    if (position != end) {
      throw new IllegalStateException("the merged range " + range + " ends at byte " + position + ", its index said "
          + end);
    }
  }

  private static long flush(FileChannel file, ByteBuffer buffer, long position) throws IOException {
    buffer.flip();
    long next = writeFully(file, buffer, position);
    buffer.clear();
    return next;
  }

  private static long writeFully(FileChannel file, ByteBuffer bytes, long position) throws IOException {
    long next = position;
    while (bytes.hasRemaining()) {
      next += file.write(bytes, next);
    }
    return next;
  }
}
