package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes records, each a sort key and a text, to a stream as sorted runs, each record framed as (length, key
 * length, key, text) with big-endian ints, as {@link FlowTextFile}'s merge reads them. The records are gathered
 * in memory up to a byte budget, then written sorted by key (unsigned bytes; equal keys in the order they came)
 * as one run, and so on. A task's memory is then the budget whatever its partition holds; the reader merges the
 * runs.
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
  private int[] starts = new int[1024];
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
    records.setInt(recordStart + 4, records.length() - recordStart - 8);
  }

  /** The record's text is complete. */
  void recordDone() throws IOException {
    records.setInt(recordStart, records.length() - recordStart - 8);
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
    }
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
    if (scratch.length < count) {
      scratch = new int[starts.length];
    }
    byte[] bytes = records.array();
    mergeSort(bytes, starts, scratch, 0, count);
    for (int i = 0; i < count; i++) {
      int start = starts[i];
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

  /** Sorts {@code a[from, to)} by the keys of the records they point to; stable. */
  private static void mergeSort(byte[] bytes, int[] a, int[] tmp, int from, int to) {
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
    mergeSort(bytes, a, tmp, from, middle);
    mergeSort(bytes, a, tmp, middle, to);
    if (compare(bytes, a[middle - 1], a[middle]) <= 0) {
      return;
    }
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

  private static int compare(byte[] bytes, int record, int other) {
    int keyStart = record + 8;
    int otherStart = other + 8;
    return Arrays.compareUnsigned(bytes, keyStart, keyStart + intAt(bytes, record + 4),
        bytes, otherStart, otherStart + intAt(bytes, other + 4));
  }

  private static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }
}
