package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes records, each a sort key and a text, to a stream as sorted runs, each record framed as (length, key
 * length, key, text) with big-endian ints, as {@link SortedRunReader} reads them. The records are gathered
 * in memory up to a byte budget, then written sorted by key (unsigned bytes; equal keys in the order they came)
 * as one run, and so on, each with its {@link SortedRunIndex}. A task's memory is then the budget whatever its
 * partition holds; the driver merges the runs ({@link SortedRunMerge}). The arrays may be a thread's, kept from
 * task to task ({@link SortedRunBuffers}).
 *
 * <p>The sort reads the records themselves as little as it can: a run's records are too many to stay in the
 * processor's caches. Each record's first {@link #KEY_WORDS} words of key are kept beside its place. Most of
 * those bits are the same in every record of a run (null markers, the high bytes of counts and times), so the
 * run's sort packs, per record, only the bits of the leading key bytes that differ somewhere in the run, as many
 * as fit beside the record's number, into one number that orders as the keys do, and sorts those numbers by
 * radix, eight bits a pass (stable: records of equal packed bits keep the order they came in). Only records whose
 * packed bits are equal are then ordered by their whole keys. In the command's order (total bytes descending,
 * then start) the packed bits hold the total and the start to a few microseconds: of the benchmark's tenth
 * capture's flows, shuffled into runs of 48,000, no two tie.
 */
final class SortedRunWriter {
  /** Words (eight key bytes each, big-endian, zeros past a shorter key) kept of each key for the sort. */
  static final int KEY_WORDS = 3;
  /** Below this many records a range of equal packed bits is sorted by insertion, as merge sorts usually do. */
  private static final int INSERTION_SORT_MAX = 12;

  private final OutputStream out;
  /** A run is written once the records held reach this many bytes. */
  private final int runBytes;
  /** Where the arrays below come from and go back to when the writer finishes. */
  private final SortedRunBuffers buffers;
  private final TextBuffer records;
  /** Where the record being framed starts in {@link #records}. */
  private int recordStart;
  /** Where each record of the run starts in {@link #records}, in the order they came. */
  private int[] starts;
  /** The first {@link #KEY_WORDS} words of each record's key, record after record. */
  private long[] keyWords;
  /** Per record, its packed key bytes and its number: sorted when the run is written. */
  private long[] sorted;
  private long[] sortScratch;
  private final int[] bucketStarts = new int[256];
  /**
   * Per packed field (the bits kept of one key byte), most significant first: the key word it is read from, its
   * lowest bit's place in that word, and how many bits it has.
   */
  private final int[] fieldWords = new int[KEY_WORDS * Long.BYTES];
  private final int[] fieldShifts = new int[KEY_WORDS * Long.BYTES];
  private final int[] fieldWidths = new int[KEY_WORDS * Long.BYTES];
  private int count;
  private long written;
  private final List<SortedRunIndex> runs = new ArrayList<>();

  /**
   * @param budget bytes of memory for the records of a run, a power of two: a run is written once the records
   *     fill fifteen sixteenths of it, so the buffer, grown by doubling, stays within it unless a single record
   *     is longer than the last sixteenth
   */
  SortedRunWriter(OutputStream out, int budget) {
    this(out, budget, new SortedRunBuffers());
  }

  /**
   * A writer that gathers its runs in {@code buffers}, whatever they hold, and leaves its (possibly grown) arrays
   * there when it {@link #finish finishes}.
   */
  SortedRunWriter(OutputStream out, int budget, SortedRunBuffers buffers) {
    if (Integer.bitCount(budget) != 1) {
      throw new IllegalArgumentException("budget must be a power of two: " + budget);
    }
    this.out = out;
    this.runBytes = budget - (budget >> 4);
    this.buffers = buffers;
    this.records = buffers.records;
    records.clear();
    this.starts = buffers.starts;
    this.keyWords = buffers.keyWords;
    this.sorted = buffers.sorted;
    this.sortScratch = buffers.sortScratch;
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
      keyWords = Arrays.copyOf(keyWords, count * 2 * KEY_WORDS);
    }
    byte[] bytes = records.array();
    int keyStart = recordStart + 8;
    for (int word = 0; word < KEY_WORDS; word++) {
      int wordStart = word * Long.BYTES;
      long value;
      if (keyLength >= wordStart + Long.BYTES) {
        value = longAt(bytes, keyStart + wordStart);
      } else {
        value = 0;
        for (int i = wordStart; i < wordStart + Long.BYTES; i++) {
          value = value << 8 | (i < keyLength ? bytes[keyStart + i] & 0xFF : 0);
        }
      }
      keyWords[count * KEY_WORDS + word] = value;
    }
  }

  /** The record's text is complete. */
  void recordDone() throws IOException {
    records.setInt(recordStart, records.length() - recordStart - 8);
    starts[count++] = recordStart;
    if (records.length() >= runBytes) {
      writeRun();
    }
  }

  /** Writes what is held as the last run and flushes; returns the runs' indexes, in the order written. */
  List<SortedRunIndex> finish() throws IOException {
    writeRun();
    out.flush();
    buffers.starts = starts;
    buffers.keyWords = keyWords;
    buffers.sorted = sorted;
    buffers.sortScratch = sortScratch;
    return runs;
  }

  private void writeRun() throws IOException {
    if (count == 0) {
      return;
    }
    if (sorted.length < count) {
      sorted = new long[starts.length];
      sortScratch = new long[starts.length];
    }
    int numberBits = 32 - Integer.numberOfLeadingZeros(count - 1);
    int packedBits = packRecords(numberBits);
    radixSort(numberBits, packedBits);
    byte[] bytes = records.array();
    sortEqualPackedByKey(bytes, numberBits);
    long numberMask = (1L << numberBits) - 1;
    SortedRunIndex.Builder index = new SortedRunIndex.Builder(written);
    for (int i = 0; i < count; i++) {
      int start = starts[(int) (sorted[i] & numberMask)];
      int length = 8 + intAt(bytes, start);
      index.record(bytes, start + 8, intAt(bytes, start + 4), length);
      out.write(bytes, start, length);
      written += length;
    }
    runs.add(index.build());
    records.clear();
    count = 0;
  }

  /**
   * Fills {@link #sorted} with each record's packed key bits above its number ({@code numberBits} wide): of each
   * kept key byte that differs between records of the run, leading ones first, the bits from its highest
   * differing bit down, as many as fit. Bits equal in every record decide no order, so these numbers order as
   * the keys' first bytes up to the last one packed do (a last byte cut short, as its high bits do); returns
   * how many bits were packed.
   */
  private int packRecords(int numberBits) {
    int fitting = Long.SIZE - numberBits;
    int packedBits = 0;
    int fields = 0;
    for (int word = 0; word < KEY_WORDS && packedBits < fitting; word++) {
      long differing = 0;
      long first = keyWords[word];
      for (int i = 1; i < count; i++) {
        differing |= keyWords[i * KEY_WORDS + word] ^ first;
      }
      for (int shift = 56; shift >= 0 && packedBits < fitting; shift -= 8) {
        // the byte's bits from its highest differing one down; the bits above are the same in every record
        int differingWidth = 32 - Integer.numberOfLeadingZeros((int) (differing >>> shift) & 0xFF);
        if (differingWidth != 0) {
          int width = Math.min(differingWidth, fitting - packedBits);
          fieldWords[fields] = word;
          fieldShifts[fields] = shift + differingWidth - width;
          fieldWidths[fields] = width;
          fields++;
          packedBits += width;
        }
      }
    }
    for (int i = 0; i < count; i++) {
      long packed = 0;
      for (int f = 0; f < fields; f++) {
        int width = fieldWidths[f];
        packed = packed << width
            | (keyWords[i * KEY_WORDS + fieldWords[f]] >>> fieldShifts[f] & ((1L << width) - 1));
      }
      sorted[i] = packed << numberBits | i;
    }
    return packedBits;
  }

  /**
   * Sorts {@link #sorted} by the packed bits above the record numbers, eight at a time from the least
   * significant, each pass a counting sort (stable); the numbers below are not sorted on, so equal packed bits
   * keep the order the records came in.
   */
  private void radixSort(int numberBits, int packedBits) {
    for (int shift = numberBits; shift < numberBits + packedBits; shift += 8) {
      long[] from = sorted;
      long[] to = sortScratch;
      Arrays.fill(bucketStarts, 0);
      for (int i = 0; i < count; i++) {
        bucketStarts[(int) (from[i] >>> shift) & 0xFF]++;
      }
      int start = 0;
      for (int digit = 0; digit < bucketStarts.length; digit++) {
        int inBucket = bucketStarts[digit];
        bucketStarts[digit] = start;
        start += inBucket;
      }
      for (int i = 0; i < count; i++) {
        long value = from[i];
        to[bucketStarts[(int) (value >>> shift) & 0xFF]++] = value;
      }
      sorted = to;
      sortScratch = from;
    }
  }

  /** Sorts each range of {@link #sorted} whose packed bits are equal by the records' whole keys; stable. */
  private void sortEqualPackedByKey(byte[] bytes, int numberBits) {
    int from = 0;
    long packed = sorted[0] >>> numberBits;
    for (int i = 1; i <= count; i++) {
      if (i == count || sorted[i] >>> numberBits != packed) {
        if (i - from > 1) {
          mergeSort(bytes, from, i, numberBits);
        }
        if (i < count) {
          from = i;
          packed = sorted[i] >>> numberBits;
        }
      }
    }
  }

  /** Sorts {@code sorted[from, to)} by the keys of the records; stable. */
  private void mergeSort(byte[] bytes, int from, int to, int numberBits) {
    long[] a = sorted;
    if (to - from <= INSERTION_SORT_MAX) {
      for (int i = from + 1; i < to; i++) {
        long record = a[i];
        int j = i - 1;
        while (j >= from && compare(bytes, a[j], record, numberBits) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = record;
      }
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(bytes, from, middle, numberBits);
    mergeSort(bytes, middle, to, numberBits);
    if (compare(bytes, a[middle - 1], a[middle], numberBits) <= 0) {
      return;
    }
    long[] tmp = sortScratch;
    System.arraycopy(a, from, tmp, from, to - from);
    int left = from;
    int right = middle;
    for (int i = from; i < to; i++) {
      if (right >= to || (left < middle && compare(bytes, tmp[left], tmp[right], numberBits) <= 0)) {
        a[i] = tmp[left++];
      } else {
        a[i] = tmp[right++];
      }
    }
  }

  /** Orders two entries of {@link #sorted} by the whole keys of their records. */
  private int compare(byte[] bytes, long one, long other, int numberBits) {
    long numberMask = (1L << numberBits) - 1;
    int record = starts[(int) (one & numberMask)];
    int otherRecord = starts[(int) (other & numberMask)];
    int keyStart = record + 8;
    int otherStart = otherRecord + 8;
    return Arrays.compareUnsigned(bytes, keyStart, keyStart + intAt(bytes, record + 4),
        bytes, otherStart, otherStart + intAt(bytes, otherRecord + 4));
  }

  /**
   * Eight bytes as a big-endian long, composed by shifts: a VarHandle view is as fast once C2 has compiled the
   * caller, but the command raises C2's thresholds, and compiled by C1 each get is a call.
   */
  private static long longAt(byte[] bytes, int at) {
    return (long) intAt(bytes, at) << 32 | (intAt(bytes, at + 4) & 0xFFFFFFFFL);
  }

  private static int intAt(byte[] bytes, int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
        | (bytes[at + 3] & 0xFF);
  }
}
