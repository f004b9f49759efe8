package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every corpus capture read as splits (planned, and cut at random points) equals its sequential read. */
class CorpusSplitTest {
  private static final long[] SPLIT_SIZES = {211, 500, 4096, 65_536};

  @Test
  void splitReadsEqualTheSequentialRead() throws IOException {
    Random random = new Random(20261127L);
    int files = 0;
    for (Path file : Corpus.files()) {
      SplitCheck check = new SplitCheck(file);
      assertEquals(check.sequential(), Reads.streamed(file), file + " streamed");
      for (long size : SPLIT_SIZES) {
        check.plan(size, 40, random);
      }
      for (int k = 0; k < 3; k++) {
        check.plan(50 + random.nextInt(400_000), 40, random);
      }
      check.randomCuts(1 + random.nextInt(6), random);
      files++;
    }
    assertEquals(true, files > 1200, files + " corpus files");
  }
}
