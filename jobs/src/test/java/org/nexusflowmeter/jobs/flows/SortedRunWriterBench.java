package org.nexusflowmeter.jobs.flows;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * {@link SortedRunWriter} alone, fed records shaped like the command's output (its order: total bytes
 * descending, then start time, then flow id): per record a key [1][total bytes, all bits of the sign-flipped
 * number flipped][1][start time in microseconds, sign flipped, over 34 minutes in random order][1][flow id, then
 * 0 0], and a text of about 330 bytes, as {@link FlowSortKey} and the CSV rows are. The total bytes repeat as
 * in the small-packet benchmark capture (some values thousands of times). Runs of 16 MB as the command writes
 * them, to a discarding stream behind the command's 64 KiB buffer.
 *
 * <p>Prints per round the CPU nanoseconds per record of this thread (the writer and the feeding, which is the
 * same whatever the writer does) and of the process (also the compiler's and collector's threads), and the
 * CRC-32 of the first round's output, so that two builds of the writer can be checked to write the same bytes.
 *
 * <p>Usage: {@code SortedRunWriterBench [RECORDS_PER_ROUND [ROUNDS]]} (default 1,000,000 records, about one
 * task's share of the full benchmark capture, and 6 rounds), after a test-compile, e.g. with the command's JVM
 * options: {@code java -XX:+UseParallelGC -cp jobs/target/classes:jobs/target/test-classes:$(cat
 * jobs/target/runtime.classpath) org.nexusflowmeter.jobs.flows.SortedRunWriterBench}. It lives beside the
 * writer, in its package, because the writer and its buffer are package-private.
 */
public final class SortedRunWriterBench {
  private static final long START_MICROS = 1_767_225_600_000_000L;
  private static final int SPAN_MICROS = 34 * 60 * 1_000_000;
  private static final int TEXT_FILLER = 270;

  private SortedRunWriterBench() {}

  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      CRC32 crc = new CRC32();
      OutputStream sink = round == 0 ? new CheckedOutputStream(OutputStream.nullOutputStream(), crc)
          : OutputStream.nullOutputStream();
      long threadStart = threads.getCurrentThreadCpuTime();
      long processStart = processCpuNanos();
      Feed feed = new Feed(new SortedRunWriter(new BufferedOutputStream(sink, 1 << 16), FlowTextFile.RUN_BYTES),
          threads, new Random(round));
      long runs = feed.records(records);
      long threadNanos = threads.getCurrentThreadCpuTime() - threadStart;
      long processNanos = processCpuNanos() - processStart;
      System.out.printf("round %d: %d records, %d runs, thread %.1f ns/record (writing the runs %.1f), process %.1f"
          + " ns/record%s%n", round, records, runs, (double) threadNanos / records,
          (double) feed.runNanos / records, (double) processNanos / records,
          round == 0 ? String.format(", crc32 %08x", crc.getValue()) : "");
    }
  }

  /** Feeds a writer and keeps the thread's CPU time of the calls that sort and write a run. */
  private static final class Feed {
    private final SortedRunWriter writer;
    private final ThreadMXBean threads;
    private final Random random;
    private final byte[] filler = new byte[TEXT_FILLER];
    private long runNanos;

    Feed(SortedRunWriter writer, ThreadMXBean threads, Random random) {
      this.writer = writer;
      this.threads = threads;
      this.random = random;
      for (int i = 0; i < filler.length; i++) {
        filler[i] = (byte) (i % 7 == 6 ? ',' : '0' + random.nextInt(10));
      }
    }

    /** Feeds {@code records} records and finishes; returns the number of runs. */
    long records(int records) throws IOException {
      // the writer writes a run once its records fill fifteen sixteenths of the budget
      int runBytes = FlowTextFile.RUN_BYTES - (FlowTextFile.RUN_BYTES >> 4);
      for (int i = 0; i < records; i++) {
        TextBuffer text = record();
        if (text.length() >= runBytes) {
          long start = threads.getCurrentThreadCpuTime();
          writer.recordDone();
          runNanos += threads.getCurrentThreadCpuTime() - start;
        } else {
          writer.recordDone();
        }
      }
      long start = threads.getCurrentThreadCpuTime();
      long runs = writer.finish().size();
      runNanos += threads.getCurrentThreadCpuTime() - start;
      return runs;
    }

    /** Appends the next record's key and text, short of {@link SortedRunWriter#recordDone}. */
    private TextBuffer record() {
      long totalBytes = totalBytes(random);
      long startMicros = START_MICROS + random.nextInt(SPAN_MICROS);
      int client = random.nextInt(1 << 16);
      TextBuffer text = writer.startRecord();
      text.append(1);
      appendKeyLong(text, ~(totalBytes ^ Long.MIN_VALUE));
      text.append(1);
      appendKeyLong(text, startMicros ^ Long.MIN_VALUE);
      text.append(1);
      int flowIdStart = text.length();
      appendFlowId(text, client);
      int flowIdEnd = text.length();
      text.append(0);
      text.append(0);
      writer.keyDone();
      // the row: the flow id again, the numbers, the rest of the columns
      byte[] bytes = text.array();
      for (int b = flowIdStart; b < flowIdEnd; b++) {
        text.append(bytes[b]);
      }
      text.append(',');
      text.appendLong(startMicros);
      text.append(',');
      text.appendLong(totalBytes);
      text.append(',');
      text.append(filler);
      text.append('\n');
      return text;
    }
  }

  /** A flow's bytes as the small-packet capture's flows have them: few values, some very frequent. */
  private static long totalBytes(Random random) {
    int pick = random.nextInt(100);
    if (pick < 6) {
      return 108;
    }
    if (pick < 75) {
      return 150 + 2 * random.nextInt(50);
    }
    if (pick < 99) {
      return 250 + random.nextInt(1500);
    }
    return 2_000 + random.nextInt(200_000);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void appendKeyLong(TextBuffer text, long ordered) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      text.append((int) (ordered >>> shift));
    }
  }

  private static void appendFlowId(TextBuffer text, int client) {
    text.appendAscii("198.51.100.");
    text.appendLong(client & 0xFF);
    text.appendAscii(":443 <-> 10.1.");
    text.appendLong(client >>> 8);
    text.appendAscii(".6:");
    text.appendLong(20_000 + (client & 0x3FF));
    text.appendAscii(" (TCP)");
  }
}
