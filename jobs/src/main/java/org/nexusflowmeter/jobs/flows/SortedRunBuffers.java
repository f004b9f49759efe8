package org.nexusflowmeter.jobs.flows;

/**
 * The arrays a {@link SortedRunWriter} gathers and sorts a run in, kept by each thread from task to task. A task
 * that grew its own from small ones by doubling (a 16 MB run's records and its key and order arrays) held them for
 * longer than a young collection, so they were promoted and died in the old generation, one set per output task:
 * the old generation's high-water mark, so peak memory, grew with the number of tasks. One set per thread is
 * promoted once. A thread keeps its set while it lives (a {@link ThreadLocal}), and only arrays up to
 * {@link #MAX_KEPT_RECORDS} records and {@link #MAX_KEPT_RECORD_BYTES} bytes of records.
 *
 * <p>A set is lent to one writer at a time ({@link #take}, {@link #giveBack}); a writer finds it as its previous
 * user left it and starts by emptying it. A second writer on the same thread while the first is open gets a fresh
 * set of its own.
 */
final class SortedRunBuffers {
  /** Order and key arrays for more records than this are not kept (a run of the command's has ~100,000). */
  static final int MAX_KEPT_RECORDS = 1 << 18;
  /** Nor a records buffer larger than this (a run's budget is 16 MB, plus a record that overran it). */
  static final int MAX_KEPT_RECORD_BYTES = 32 << 20;
  private static final int INITIAL_RECORDS = 1024;
  private static final int INITIAL_RECORD_BYTES = 1 << 16;
  private static final ThreadLocal<SortedRunBuffers> OF_THREAD = ThreadLocal.withInitial(SortedRunBuffers::new);

  TextBuffer records;
  int[] starts;
  long[] keyWords;
  long[] sorted;
  long[] sortScratch;
  private boolean lent;

  /** A fresh set, not kept by any thread. */
  SortedRunBuffers() {
    empty();
  }

  /** This thread's set, lent until {@link #giveBack}; a fresh one while this thread's is lent. */
  static SortedRunBuffers take() {
    SortedRunBuffers kept = OF_THREAD.get();
    if (kept.lent) {
      return new SortedRunBuffers();
    }
    kept.lent = true;
    return kept;
  }

  /** Ends the loan; arrays grown past the limits are let go. */
  void giveBack() {
    lent = false;
    if (starts.length > MAX_KEPT_RECORDS || records.array().length > MAX_KEPT_RECORD_BYTES) {
      empty();
    }
  }

  private void empty() {
    records = new TextBuffer(INITIAL_RECORD_BYTES);
    starts = new int[INITIAL_RECORDS];
    keyWords = new long[INITIAL_RECORDS * SortedRunWriter.KEY_WORDS];
    sorted = new long[INITIAL_RECORDS];
    sortScratch = new long[INITIAL_RECORDS];
  }
}
