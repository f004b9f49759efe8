package org.nexusflowmeter.jobs.flows;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where one sorted run lies in its part file, what it holds, and a sample of its keys: every
 * {@link #SAMPLE_EVERY}th record's key with that record's place and what lies before it in the run. The driver
 * cuts the merge into key ranges from the samples ({@link SortedRunMerge}) and finds each range's exact edges in
 * a run by reading from the sample just below, at most {@link #SAMPLE_EVERY} records.
 */
final class SortedRunIndex implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A run of the command's holds ~50,000 records: ~50 samples, a few kilobytes sent to the driver. */
  static final int SAMPLE_EVERY = 1024;

  /** Byte offsets of the run's first record and of its end, in the part file. */
  final long start;
  final long end;
  /** Records in the run and the bytes of their texts (keys and frames not counted). */
  final long records;
  final long textBytes;
  /** Per sample: its key, its record's offset in the part file, records and text bytes of the run before it. */
  final byte[][] sampleKeys;
  final long[] sampleOffsets;
  final long[] sampleRecordsBefore;
  final long[] sampleTextBefore;

  private SortedRunIndex(long start, long end, long records, long textBytes, byte[][] sampleKeys,
      long[] sampleOffsets, long[] sampleRecordsBefore, long[] sampleTextBefore) {
    this.start = start;
    this.end = end;
    this.records = records;
    this.textBytes = textBytes;
    this.sampleKeys = sampleKeys;
    this.sampleOffsets = sampleOffsets;
    this.sampleRecordsBefore = sampleRecordsBefore;
    this.sampleTextBefore = sampleTextBefore;
  }

  /** Gathers a run's index while the run is written, record after record in key order. */
  static final class Builder {
    private final long start;
    private long offset;
    private long records;
    private long textBytes;
    private int samples;
    private byte[][] keys = new byte[8][];
    private long[] offsets = new long[8];
    private long[] recordsBefore = new long[8];
    private long[] textBefore = new long[8];

    Builder(long start) {
      this.start = start;
      this.offset = start;
    }

    /** The next record: {@code frameLength} bytes in all, its key {@code bytes[keyStart, keyStart + keyLength)}. */
    void record(byte[] bytes, int keyStart, int keyLength, int frameLength) {
      if (records % SAMPLE_EVERY == 0) {
        if (samples == keys.length) {
          keys = Arrays.copyOf(keys, samples * 2);
          offsets = Arrays.copyOf(offsets, samples * 2);
          recordsBefore = Arrays.copyOf(recordsBefore, samples * 2);
          textBefore = Arrays.copyOf(textBefore, samples * 2);
        }
        keys[samples] = Arrays.copyOfRange(bytes, keyStart, keyStart + keyLength);
        offsets[samples] = offset;
        recordsBefore[samples] = records;
        textBefore[samples] = textBytes;
        samples++;
      }
      records++;
      textBytes += frameLength - 8 - keyLength;
      offset += frameLength;
    }

    SortedRunIndex build() {
      return new SortedRunIndex(start, offset, records, textBytes, Arrays.copyOf(keys, samples),
          Arrays.copyOf(offsets, samples), Arrays.copyOf(recordsBefore, samples), Arrays.copyOf(textBefore, samples));
    }
  }
}
