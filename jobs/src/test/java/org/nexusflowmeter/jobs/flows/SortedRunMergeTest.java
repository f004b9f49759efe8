package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge of sorted runs in key ranges on several threads writes the file a stable sort of all records gives:
 * records in key order (unsigned bytes), records of equal keys in the order of their runs, then as they came.
 * The expected file is made here by sorting the records given to the writers, not by the merge; many keys repeat
 * (so ranges cut through runs of equal keys), and records are long and short (so ranges differ in bytes).
 */
class SortedRunMergeTest {
  private static final byte[] NOTHING = {};
  private static final SortedRunMerge.Framing CSV =
      new SortedRunMerge.Framing("a,b\n".getBytes(StandardCharsets.US_ASCII), NOTHING, NOTHING, NOTHING);
  private static final SortedRunMerge.Framing JSON = new SortedRunMerge.Framing(new byte[] {'['},
      "\n]\n".getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'}, new byte[] {',', '\n'});

  private record Given(byte[] key, String text) {}

  @Test
  void rangesOnManyThreadsWriteWhatAStableSortOfAllRecordsGives(@TempDir Path dir) throws IOException {
    Random random = new Random(2026_11_28L);
    List<SortedRunMerge.Run> runs = new ArrayList<>();
    List<Given> inPartOrder = new ArrayList<>();
    for (int part = 0; part < 5; part++) {
      Path file = dir.resolve("part-" + part);
      List<Given> given = new ArrayList<>();
      for (int i = 0; i < 12_000 + random.nextInt(12_000); i++) {
        // 200 distinct keys: equal keys across and within runs; texts of 5 to 100 bytes, so a run holds more than
        // SAMPLE_EVERY records and ranges start between samples
        given.add(new Given(key(random.nextInt(200)), part + ":" + i + ":" + "x".repeat(random.nextInt(90)) + "\n"));
      }
      for (SortedRunIndex index : write(file, given, 1 << 18)) {
        runs.add(new SortedRunMerge.Run(file, index));
      }
      inPartOrder.addAll(given);
    }
    assertTrue(runs.size() >= 15, "parts of several runs: " + runs.size());
    assertTrue(runs.stream().filter(run -> run.index().records > 2 * SortedRunIndex.SAMPLE_EVERY).count() >= 10,
        "runs of several samples");
    // runs are consecutive records of their part, so the stable sort of all records in part order, then in the
    // order they came, is the order a merge must give
    List<Given> expected = new ArrayList<>(inPartOrder);
    expected.sort(Comparator.comparing(Given::key, Arrays::compareUnsigned));
    for (SortedRunMerge.Framing framing : List.of(CSV, JSON)) {
      byte[] wanted = framed(expected, framing);
      for (int threads : new int[] {1, 2, 3, 7, 40}) {
        Path merged = dir.resolve("merged-" + threads);
        SortedRunMerge.merge(runs, framing, merged, threads, 1);
        byte[] written = Files.readAllBytes(merged);
        // the first differing byte, not two files of megabytes, in the failure message
        assertEquals(-1, Arrays.mismatch(wanted, written), threads + " threads: first byte that differs");
      }
    }
  }

  @Test
  void noRecordsGiveTheFramingAlone(@TempDir Path dir) throws IOException {
    Path merged = dir.resolve("merged");
    SortedRunMerge.merge(List.of(), JSON, merged, 4, 1);
    assertEquals("[\n]\n", Files.readString(merged, StandardCharsets.US_ASCII));
  }

  /**
   * Key {@code value} of 200: one to three bytes; 18 bytes that share their first 16 with each other; or {3}
   * followed by zero bytes (up to 19) and maybe one more byte, keys that are prefixes of one another and equal to
   * each other within their first 16 bytes read with zeros after the end.
   */
  private static byte[] key(int value) {
    if (value < 50) {
      return new byte[] {(byte) value};
    }
    if (value < 100) {
      return new byte[] {(byte) value, (byte) (value * 7), 1};
    }
    if (value < 150) {
      byte[] key = new byte[18];
      Arrays.fill(key, 0, 16, (byte) 0xF7);
      key[16] = (byte) value;
      return key;
    }
    int k = value - 150;
    byte[] key = new byte[1 + k % 20 + (k >= 20 ? 1 : 0)];
    key[0] = 3;
    if (k >= 20) {
      key[key.length - 1] = (byte) k;
    }
    return key;
  }

  /** Writes {@code given} as sorted runs of {@code budget} into {@code file}; returns the runs' indexes. */
  private static List<SortedRunIndex> write(Path file, List<Given> given, int budget) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      SortedRunWriter writer = new SortedRunWriter(out, budget);
      for (Given record : given) {
        TextBuffer buffer = writer.startRecord();
        buffer.append(record.key());
        writer.keyDone();
        buffer.appendAscii(record.text());
        writer.recordDone();
      }
      return writer.finish();
    }
  }

  private static byte[] framed(List<Given> records, SortedRunMerge.Framing framing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(framing.opening());
    for (int i = 0; i < records.size(); i++) {
      out.writeBytes(i == 0 ? framing.beforeFirst() : framing.beforeOthers());
      out.writeBytes(records.get(i).text().getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(framing.closing());
    return out.toByteArray();
  }
}
