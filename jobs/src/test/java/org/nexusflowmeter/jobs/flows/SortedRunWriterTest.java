package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SortedRunWriter}'s runs, read back frame by frame as its javadoc lays them out: each run holds the
 * records it was given in key order (unsigned bytes, a key before the keys it is a prefix of), records of equal
 * keys in the order they came, and together the runs hold every record once. The writer sorts by the leading
 * key bytes that differ within a run, packed into one number, and only then by whole keys; the keys here are
 * made to tie in those bytes and differ after them, to differ in one record only, to be shorter than the bytes
 * it keeps (with text bytes right after them), to be equal, and to have bytes above 0x7F; and shaped like the
 * command's keys.
 */
class SortedRunWriterTest {
  private record Framed(byte[] key, String text) {}

  @Test
  void randomKeysTyingInTheirFirstBytes() throws IOException {
    Random random = new Random(2026_11_27L);
    byte[][] heads = new byte[6][];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = new byte[random.nextInt(11)];
      random.nextBytes(heads[i]);
    }
    List<Framed> given = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      byte[] head = heads[random.nextInt(heads.length)];
      byte[] tail = new byte[random.nextInt(3)];
      for (int j = 0; j < tail.length; j++) {
        tail[j] = (byte) (random.nextBoolean() ? 0xF0 : random.nextInt(3));
      }
      byte[] key = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, key, head.length, tail.length);
      given.add(new Framed(key, "record " + i + "\n"));
    }
    // a 4 KiB budget: runs of some tens of records
    int runs = assertRunsSorted(given, 1 << 12);
    assertTrue(runs > 20, runs + " runs");
  }

  /**
   * Keys as the command's order makes them (total bytes descending, start time, flow id) in runs of thousands of
   * records: the packed bytes (the total's low bytes, the time's varying ones) are fewer than the bytes that
   * differ, many records share a total and a start to the microsecond (only the flow id tells them apart), and
   * some records are the same flow twice.
   */
  @Test
  void keysShapedLikeTheCommandsInRunsOfThousands() throws IOException {
    Random random = new Random(5);
    long firstMicros = 1_767_225_600_000_000L;
    List<Framed> given = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      long totalBytes = random.nextInt(4) == 0 ? 70_000 + random.nextInt(3) : 108 + random.nextInt(3);
      long startMicros = firstMicros + (random.nextBoolean() ? random.nextInt(2_000) : random.nextInt(1 << 30));
      String flowId = "10.0.0." + random.nextInt(3) + ":" + random.nextInt(2);
      TextBuffer key = new TextBuffer(64);
      key.append(1);
      appendKeyLong(key, ~(totalBytes ^ Long.MIN_VALUE));
      key.append(1);
      appendKeyLong(key, startMicros ^ Long.MIN_VALUE);
      key.append(1);
      key.appendAscii(flowId);
      key.append(0);
      key.append(0);
      given.add(new Framed(key.toByteArray(), flowId + "," + startMicros + "," + totalBytes + ",record " + i + "\n"));
    }
    // 256 KiB: runs of about 4,500 records, 13 bits of record number, so 6 packed bytes
    int runs = assertRunsSorted(given, 1 << 18);
    assertTrue(runs >= 4 && runs < 10, runs + " runs");
  }

  /** Sign-flipped numbers and null markers, in an order worked out by hand. */
  @Test
  void nullMarkersAndNegativeAndPositiveNumbersInTheirOrder() throws IOException {
    // descending-null marker 2 after every value, ascending-null marker 0 before
    Object[] inOrder = {"null first", -1L << 40, -300L, -1L, 0L, 1L, 255L, 256L, 1L << 40, "null last"};
    List<Framed> given = new ArrayList<>();
    for (int i = 0; i < inOrder.length; i++) {
      TextBuffer key = new TextBuffer(16);
      if (inOrder[i] instanceof Long value) {
        key.append(1);
        appendKeyLong(key, value ^ Long.MIN_VALUE);
      } else {
        key.append(inOrder[i].equals("null first") ? 0 : 2);
      }
      given.add(new Framed(key.toByteArray(), i + " " + inOrder[i] + "\n"));
    }
    List<Framed> shuffled = new ArrayList<>(given);
    Collections.shuffle(shuffled, new Random(7));
    List<List<Framed>> runs = write(shuffled, 1 << 12);
    assertEquals(1, runs.size());
    assertEquals(texts(given), texts(runs.get(0)));
  }

  /**
   * Forty keys of 30 bytes, alike but for the byte after some place, which alternates between two values; one
   * record (the first, the second or the last to come) has a lower byte at that place and higher bytes after
   * it. That place alone, where every other record has the same byte, puts that record first.
   */
  @Test
  void aPlaceWhereOneRecordDiffers() throws IOException {
    for (int place = 0; place < 29; place++) {
      int next = place + 1;
      for (int odd : new int[] {0, 1, 39}) {
        List<Framed> given = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          byte[] key = new byte[30];
          Arrays.fill(key, (byte) 0x80);
          key[next] = (byte) (0x80 + i % 2);
          if (i == odd) {
            key[place] = 0x7F;
            Arrays.fill(key, next, key.length, (byte) 0xFF);
          }
          given.add(new Framed(key, "record " + i + "\n"));
        }
        List<Framed> expected = new ArrayList<>(given);
        expected.remove(odd);
        // the others: those with the lower alternating byte first, each group in the order it came
        expected.sort(Comparator.comparing(record -> record.key()[next] & 0xFF));
        expected.add(0, given.get(odd));
        List<List<Framed>> runs = write(given, 1 << 12);
        assertEquals(1, runs.size());
        assertEquals(texts(expected), texts(runs.get(0)), "record " + odd + " lower at " + place);
      }
    }
  }

  /**
   * Keys that are prefixes of each other, of every length up to 26 bytes (around the ends of the words the
   * writer keeps), in an order worked out by hand: a key goes before the longer keys it begins. Then the same
   * keys over several runs, where the writer's buffer holds the last run's bytes past a short key.
   */
  @Test
  void aKeyBeforeTheLongerKeysItBegins() throws IOException {
    List<Framed> inOrder = new ArrayList<>();
    for (int length = 0; length <= 26; length++) {
      inOrder.add(new Framed(new byte[length], "~~~ zeros " + length + "\n"));
    }
    for (int length = 1; length <= 26; length++) {
      byte[] key = new byte[length];
      key[0] = 5;
      inOrder.add(new Framed(key, "~~~ five then zeros " + length + "\n"));
    }
    List<Framed> shuffled = new ArrayList<>(inOrder);
    Collections.shuffle(shuffled, new Random(11));
    List<List<Framed>> runs = write(shuffled, 1 << 12);
    assertEquals(1, runs.size());
    assertEquals(texts(inOrder), texts(runs.get(0)));

    List<Framed> repeated = new ArrayList<>();
    for (int copy = 0; copy < 8; copy++) {
      Collections.shuffle(shuffled, new Random(copy));
      repeated.addAll(shuffled);
    }
    assertTrue(assertRunsSorted(repeated, 1 << 12) > 4);
  }

  /** Thousands of records of three keys in a run: each key's records in the order they came. */
  @Test
  void equalKeysKeepTheOrderTheyCameIn() throws IOException {
    Random random = new Random(13);
    byte[][] keys = {{1, 2, 3}, {1, 2, 3, 0}, {(byte) 0x90}};
    List<Framed> given = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      given.add(new Framed(keys[random.nextInt(keys.length)], "record " + i + "\n"));
    }
    assertEquals(1, assertRunsSorted(given, 1 << 18));
  }

  /**
   * Writes {@code given} with {@code budget} and checks that each run is its records as given, sorted stably
   * by unsigned key, and that the runs hold every record; returns the number of runs.
   */
  private static int assertRunsSorted(List<Framed> given, int budget) throws IOException {
    List<List<Framed>> runs = write(given, budget);
    int runStart = 0;
    for (List<Framed> run : runs) {
      List<Framed> expected = new ArrayList<>(given.subList(runStart, runStart + run.size()));
      expected.sort(Comparator.comparing(Framed::key, Arrays::compareUnsigned));
      assertEquals(texts(expected), texts(run));
      runStart += run.size();
    }
    assertEquals(given.size(), runStart);
    return runs.size();
  }

  /** Writes {@code given} with {@code budget}; returns the runs as read back. */
  private static List<List<Framed>> write(List<Framed> given, int budget) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SortedRunWriter writer = new SortedRunWriter(out, budget);
    for (Framed record : given) {
      TextBuffer buffer = writer.startRecord();
      buffer.append(record.key());
      writer.keyDone();
      buffer.appendAscii(record.text());
      writer.recordDone();
    }
    List<SortedRunIndex> indexes = writer.finish();

    ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
    assertEquals(bytes.limit(), indexes.isEmpty() ? 0 : indexes.get(indexes.size() - 1).end);
    List<List<Framed>> runs = new ArrayList<>();
    for (SortedRunIndex index : indexes) {
      assertEquals(bytes.position(), index.start, "a run starts where the one before ended");
      List<Framed> run = new ArrayList<>();
      long textBytes = 0;
      while (bytes.position() < index.end) {
        int offset = bytes.position();
        int length = bytes.getInt();
        byte[] key = new byte[bytes.getInt()];
        bytes.get(key);
        byte[] text = new byte[length - key.length];
        bytes.get(text);
        if (run.size() % SortedRunIndex.SAMPLE_EVERY == 0) {
          // every SAMPLE_EVERYth record is sampled with its place and what came before it in the run
          int sample = run.size() / SortedRunIndex.SAMPLE_EVERY;
          assertArrayEquals(key, index.sampleKeys[sample]);
          assertEquals(offset, index.sampleOffsets[sample]);
          assertEquals(run.size(), index.sampleRecordsBefore[sample]);
          assertEquals(textBytes, index.sampleTextBefore[sample]);
        }
        textBytes += text.length;
        run.add(new Framed(key, new String(text, StandardCharsets.US_ASCII)));
      }
      assertEquals(index.end, bytes.position(), "a run ends where the writer said");
      assertEquals(run.size(), index.records);
      assertEquals(textBytes, index.textBytes);
      assertEquals((run.size() + SortedRunIndex.SAMPLE_EVERY - 1) / SortedRunIndex.SAMPLE_EVERY,
          index.sampleKeys.length);
      runs.add(run);
    }
    return runs;
  }

  /** A sort key's eight bytes of a number, as {@link FlowSortKey} appends them. */
  private static void appendKeyLong(TextBuffer key, long ordered) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      key.append((int) (ordered >>> shift));
    }
  }

  private static List<String> texts(List<Framed> records) {
    List<String> texts = new ArrayList<>();
    for (Framed record : records) {
      texts.add(record.text() + Arrays.toString(record.key()));
    }
    return texts;
  }
}
