package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SortedRunWriter}'s runs, read back frame by frame as its javadoc lays them out: each run holds the
 * records it was given in key order (unsigned bytes, a key before the keys it is a prefix of), records of equal
 * keys in the order they came, and together the runs hold every record once. The keys are made to tie often in
 * their first eight bytes (which the writer compares first) and to differ after them, to be shorter than eight
 * bytes, prefixes of each other, and to have bytes above 0x7F.
 */
class SortedRunWriterTest {
  private record Framed(byte[] key, String text) {}

  @Test
  void eachRunIsSortedByUnsignedKeyStablyAndTheRunsHoldEveryRecord() throws IOException {
    Random random = new Random(2026_11_27L);
    byte[][] heads = new byte[6][];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = new byte[random.nextInt(11)];
      random.nextBytes(heads[i]);
    }
    List<Framed> given = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // a 4 KiB budget: runs of some tens of records
    SortedRunWriter writer = new SortedRunWriter(out, 1 << 12);
    for (int i = 0; i < 3_000; i++) {
      byte[] head = heads[random.nextInt(heads.length)];
      byte[] tail = new byte[random.nextInt(3)];
      for (int j = 0; j < tail.length; j++) {
        tail[j] = (byte) (random.nextBoolean() ? 0xF0 : random.nextInt(3));
      }
      byte[] key = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, key, head.length, tail.length);
      String text = "record " + i + "\n";
      given.add(new Framed(key, text));
      TextBuffer buffer = writer.startRecord();
      buffer.append(key);
      writer.keyDone();
      buffer.appendAscii(text);
      writer.recordDone();
    }
    long[] runEnds = writer.finish();

    ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
    assertEquals(bytes.limit(), runEnds[runEnds.length - 1]);
    assertTrue(runEnds.length > 20, runEnds.length + " runs");
    List<Framed> read = new ArrayList<>();
    int runStart = 0;
    for (long runEnd : runEnds) {
      List<Framed> run = new ArrayList<>();
      while (bytes.position() < runEnd) {
        int length = bytes.getInt();
        byte[] key = new byte[bytes.getInt()];
        bytes.get(key);
        byte[] text = new byte[length - key.length];
        bytes.get(text);
        run.add(new Framed(key, new String(text, StandardCharsets.US_ASCII)));
      }
      assertEquals(runEnd, bytes.position(), "a run ends where the writer said");
      // the run's records as they were given, sorted stably by key, are the run as written
      List<Framed> expected = new ArrayList<>(given.subList(runStart, runStart + run.size()));
      expected.sort(Comparator.comparing(Framed::key, Arrays::compareUnsigned));
      assertEquals(texts(expected), texts(run));
      runStart += run.size();
      read.addAll(run);
    }
    assertEquals(given.size(), read.size());
  }

  private static List<String> texts(List<Framed> records) {
    List<String> texts = new ArrayList<>();
    for (Framed record : records) {
      texts.add(record.text() + Arrays.toString(record.key()));
    }
    return texts;
  }
}
