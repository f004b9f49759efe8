package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A thread's {@link SortedRunBuffers} reused by writers one after another, as the output's tasks use them: each
 * writer, of another size and budget than the one before, and after one that failed half way, writes byte for
 * byte the runs a writer on fresh buffers writes; the thread keeps one set, lends it to one writer at a time and
 * lets go of arrays past the limits.
 */
class SortedRunBuffersTest {
  @Test
  void writersOfDifferentSizesOnOneThreadsBuffersWriteWhatFreshBuffersWrite() throws IOException {
    Random random = new Random(2026_11_27L);
    int[] recordsPerTask = {5000, 3, 700, 0, 2500, 1, 40_000, 12};
    int[] budgets = {1 << 14, 1 << 14, 1 << 12, 1 << 14, 1 << 20, 1 << 10, 1 << 20, 1 << 14};
    for (int task = 0; task < recordsPerTask.length; task++) {
      byte[][] keys = keys(random, recordsPerTask[task]);
      Written fresh = write(keys, budgets[task], new SortedRunBuffers());
      SortedRunBuffers buffers = SortedRunBuffers.take();
      try {
        Written reused = write(keys, budgets[task], buffers);
        assertArrayEquals(fresh.runEnds, reused.runEnds, "task " + task);
        assertArrayEquals(fresh.bytes, reused.bytes, "task " + task);
      } finally {
        buffers.giveBack();
      }
    }
    SortedRunBuffers kept = SortedRunBuffers.take();
    kept.giveBack();
    assertTrue(kept.starts.length >= 1 << 15, "the thread kept the arrays the largest run grew: " + kept.starts.length);
  }

  @Test
  void aWriterAfterOneThatFailedHalfWayWritesWhatFreshBuffersWrite() throws IOException {
    Random random = new Random(7);
    int budget = 1 << 14;
    SortedRunBuffers buffers = new SortedRunBuffers();
    // the failed task: records held for a run that is never written (no finish)
    SortedRunWriter failed = new SortedRunWriter(new ByteArrayOutputStream(), budget, buffers);
    for (byte[] key : keys(random, 300)) {
      append(failed, key);
    }
    assertTrue(buffers.records.length() > budget / 2, "the failed writer left records behind");
    byte[][] keys = keys(random, 500);
    Written fresh = write(keys, budget, new SortedRunBuffers());
    Written reused = write(keys, budget, buffers);
    assertArrayEquals(fresh.runEnds, reused.runEnds);
    assertArrayEquals(fresh.bytes, reused.bytes);
  }

  @Test
  void aThreadLendsItsSetToOneWriterAtATimeAndKeepsItWithinTheLimits() throws Exception {
    SortedRunBuffers first = SortedRunBuffers.take();
    SortedRunBuffers whileLent = SortedRunBuffers.take();
    assertNotSame(first, whileLent, "a second writer on the thread gets a set of its own");
    whileLent.giveBack();
    first.giveBack();
    assertSame(first, SortedRunBuffers.take(), "the thread's set again");
    first.giveBack();

    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      SortedRunBuffers ofOther = other.submit(SortedRunBuffers::take).get();
      assertNotSame(first, ofOther, "another thread has a set of its own");
    } finally {
      other.shutdown();
    }

    // one run of more records than a kept set may hold: the grown arrays go, small ones take their place
    SortedRunBuffers buffers = SortedRunBuffers.take();
    try {
      byte[][] tiny = new byte[SortedRunBuffers.MAX_KEPT_RECORDS + 1][];
      for (int i = 0; i < tiny.length; i++) {
        tiny[i] = new byte[] {(byte) i};
      }
      write(tiny, 1 << 24, buffers);
      assertTrue(buffers.starts.length > SortedRunBuffers.MAX_KEPT_RECORDS);
    } finally {
      buffers.giveBack();
    }
    assertTrue(buffers.starts.length <= SortedRunBuffers.MAX_KEPT_RECORDS, "grown arrays are let go");
    assertEquals(buffers.starts.length * SortedRunWriter.KEY_WORDS, buffers.keyWords.length);
  }

  private record Written(byte[] bytes, long[] runEnds) {}

  private static Written write(byte[][] keys, int budget, SortedRunBuffers buffers) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SortedRunWriter writer = new SortedRunWriter(out, budget, buffers);
    for (byte[] key : keys) {
      append(writer, key);
    }
    long[] runEnds = writer.finish().stream().mapToLong(run -> run.end).toArray();
    return new Written(out.toByteArray(), runEnds);
  }

  private static void append(SortedRunWriter writer, byte[] key) throws IOException {
    TextBuffer text = writer.startRecord();
    text.append(key);
    writer.keyDone();
    text.appendAscii("row of " + key.length + " key bytes, ");
    text.appendLong(key.length == 0 ? 0 : key[0]);
    writer.recordDone();
  }

  /** Keys of 0 to 40 bytes, many sharing their first bytes. */
  private static byte[][] keys(Random random, int count) {
    byte[][] keys = new byte[count][];
    for (int i = 0; i < count; i++) {
      keys[i] = new byte[random.nextInt(41)];
      random.nextBytes(keys[i]);
      for (int j = 0; j < Math.min(keys[i].length, random.nextInt(12)); j++) {
        keys[i][j] = (byte) (j * 7);
      }
    }
    return keys;
  }
}
