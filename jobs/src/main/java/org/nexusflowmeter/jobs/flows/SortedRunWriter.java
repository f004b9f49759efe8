package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes records, each a sort key and a text, to a stream as sorted runs, each record framed as (length, key
 * length, key, text) with big-endian ints, as {@link FlowTextFile}'s merge reads them. The records are gathered
 * in memory up to a byte budget, then written sorted by key (unsigned bytes; equal keys in the order they came)
 * as one run, and so on. A task's memory is then the budget whatever its partition holds; the reader merges the
 * runs. The sort compares the first eight key bytes, kept beside each record's place, before it reads the records
 * themselves: most pairs differ there, and a run's records are too many to stay in the processor's caches.
 */
final class SortedRunWriter {
  /** Below this many records a range is sorted by insertion, as merge sorts usually do. */
  private static final int INSERTION_SORT_MAX = 12;

  private final OutputStream out;
  /** A run is written once the records held reach this many bytes. */
  private final int runBytes;
  private final TextBuffer records;
  /** Where the record being framed starts in {@link #records}. */
  private int recordStart;
  /** Where each record of the run starts in {@link #records}, in the order they came. */
  private int[] starts = new int[1024];
  /** The first eight bytes of each record's key (zeros after a shorter key), an unsigned big-endian number. */
  private long[] prefixes = new long[1024];
  /** Record numbers, sorted by key when the run is written. */
  private int[] order = new int[1024];
  private int[] scratch = new int[1024];
  private int count;
  private long written;
  private long[] runEnds = new long[4];
  private int runs;

  /**
   * @param budget bytes of memory for the records of a run, a power of two: a run is written once the records
   *     fill fifteen sixteenths of it, so the buffer, grown by doubling, stays within it unless a single record
   *     is longer than the last sixteenth
   */
  SortedRunWriter(OutputStream out, int budget) {
    if (Integer.bitCount(budget) != 1) {
      throw new IllegalArgumentException("budget must be a power of two: " + budget);
    }
    this.out = out;
    this.runBytes = budget - (budget >> 4);
    this.records = new TextBuffer(Math.min(budget, 1 << 16));
  }

  /**
   * Starts the next record: append its key to the returned buffer, call {@link #keyDone}, append its text, call
   * {@link #recordDone}. The frame around them is this writer's.
   */
  TextBuffer startRecord() {
    recordStart = records.length();
    records.appendInt(0);
    records.appendInt(0);
    return records;
  }

  /** The record's key is complete; its text follows. */
  void keyDone() {
    int keyLength = records.length() - recordStart - 8;
    records.setInt(recordStart + 4, keyLength);
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      prefixes = Arrays.copyOf(prefixes, count * 2);
    }
    byte[] bytes = records.array();
    long prefix = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      prefix = prefix << 8 | (i < keyLength ? bytes[recordStart + 8 + i] & 0xFF : 0);
    }
    prefixes[count] = prefix;
  }

  /** The record's text is complete. */
  void recordDone() throws IOException {
    records.setInt(recordStart, records.length() - recordStart - 8);
    starts[count++] = recordStart;
    if (records.length() >= runBytes) {
      writeRun();
    }
  }

  /** Writes what is held as the last run and flushes; returns the byte offset where each run ends, in order. */
  long[] finish() throws IOException {
    writeRun();
    out.flush();
    return Arrays.copyOf(runEnds, runs);
  }

  private void writeRun() throws IOException {
    if (count == 0) {
      return;
    }
    if (order.length < count) {
      order = new int[starts.length];
      scratch = new int[starts.length];
    }
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    byte[] bytes = records.array();
    mergeSort(bytes, 0, count);
    for (int i = 0; i < count; i++) {
      int start = starts[order[i]];
      int length = 8 + intAt(bytes, start);
      out.write(bytes, start, length);
      written += length;
    }
    if (runs == runEnds.length) {
      runEnds = Arrays.copyOf(runEnds, runs * 2);
    }
    runEnds[runs++] = written;
    records.clear();
    count = 0;
  }

  /** Sorts {@code order[from, to)} by the keys of the records; stable. */
  private void mergeSort(byte[] bytes, int from, int to) {
    int[] a = order;
    if (to - from <= INSERTION_SORT_MAX) {
      for (int i = from + 1; i < to; i++) {
        int record = a[i];
        int j = i - 1;
        while (j >= from && compare(bytes, a[j], record) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = record;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(bytes, from, middle);
    mergeSort(bytes, middle, to);
    if (compare(bytes, a[middle - 1], a[middle]) <= 0) {
      return;
    }
    int[] tmp = scratch;
    System.arraycopy(a, from, tmp, from, to - from);
    int left = from;
    int right = middle;
    for (int i = from; i < to; i++) {
      if (right >= to || (left < middle && compare(bytes, tmp[left], tmp[right]) <= 0)) {
        a[i] = tmp[left++];
      } else {
        a[i] = tmp[right++];
      }
    }
  }

  /** Orders records {@code one} and {@code other} (record numbers) by key. */
  private int compare(byte[] bytes, int one, int other) {
    int byPrefix = Long.compareUnsigned(prefixes[one], prefixes[other]);
    if (byPrefix != 0) {
      return byPrefix;
    }
    int record = starts[one];
    int otherRecord = starts[other];
    int keyStart = record + 8;
    int otherStart = otherRecord + 8;
    return Arrays.compareUnsigned(bytes, keyStart, keyStart + intAt(bytes, record + 4),
        bytes, otherStart, otherStart + intAt(bytes, otherRecord + 4));
  }

  private static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }
}
