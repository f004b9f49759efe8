package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Checks split reads against one sequential read: each split must give exactly the sequential records
 * whose offset lies in [start, end), so the splits of a plan together give the sequential read.
 */
final class SplitCheck {
  private final Path file;
  private final long length;
  private final List<ReadRecord> sequential;
  private final long[] offsets;

  SplitCheck(Path file) throws IOException {
    this.file = file;
    this.length = Files.size(file);
    this.sequential = Reads.whole(file);
    this.offsets = sequential.stream().mapToLong(ReadRecord::fileOffset).toArray();
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] <= offsets[i - 1]) {
        throw new AssertionError(file + ": offsets not increasing at record " + i);
      }
    }
  }

  List<ReadRecord> sequential() {
    return sequential;
  }

  /** Plans with splitSize and checks every split, or maxSplits of them picked at random. */
  void plan(long splitSize, int maxSplits, Random random) throws IOException {
    List<CaptureSplit> splits = Reads.plan(file, splitSize);
    assertEquals(0, splits.get(0).start, file + " split size " + splitSize);
    for (int i = 1; i < splits.size(); i++) {
      assertEquals(splits.get(i - 1).end, splits.get(i).start, file + " split size " + splitSize + ": gap");
    }
    assertEquals(length, splits.get(splits.size() - 1).end, file + " split size " + splitSize + ": coverage");
    if (splits.size() <= maxSplits) {
      assertEquals(sequential, Reads.splits(file, splits), file + " split size " + splitSize);
      return;
    }
    for (int k = 0; k < maxSplits; k++) {
      check(splits.get(random.nextInt(splits.size())), "split size " + splitSize);
    }
  }

  /** Byte ranges cut at random points, with no planned state: every reader syncs by itself. */
  void randomCuts(int cuts, Random random) throws IOException {
    long[] points = new long[cuts + 2];
    for (int i = 1; i <= cuts; i++) {
      points[i] = (long) (random.nextDouble() * length);
    }
    points[cuts + 1] = length;
    java.util.Arrays.sort(points);
    List<CaptureSplit> splits = new ArrayList<>();
    for (int i = 0; i + 1 < points.length; i++) {
      if (points[i] == points[i + 1] && !splits.isEmpty()) {
        continue; // an empty range owns nothing
      }
      splits.add(new CaptureSplit(file.toString(), points[i], points[i + 1], length, null));
    }
    assertEquals(sequential, Reads.splits(file, splits), file + " cut at " + java.util.Arrays.toString(points));
  }

  /** One byte range without planned state, checked on its own. */
  void check(CaptureSplit split, String what) throws IOException {
    int from = lowerBound(split.start);
    int to = lowerBound(split.end);
    assertEquals(sequential.subList(from, to), Reads.split(file, split), file + " " + split + " (" + what + ")");
  }

  private int lowerBound(long offset) {
    int lo = 0;
    int hi = offsets.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (offsets[mid] < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
