package org.nexusflowmeter.pcap.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the splits of a pcapng file on the driver. A packet block means nothing without the section
 * state declared before it (byte order, interfaces), which a reader starting mid-file cannot see, so the
 * planner walks the whole block chain once and starts each split at an exact block offset, the first at or
 * after a multiple of the split size, carrying the section state there. Any malformed block makes the
 * file one whole-file split, which the reader then handles sequentially.
 */
final class PcapngPlanner {
  private PcapngPlanner() {}

  static List<CaptureSplit> plan(String path, long fileLength, long splitSize, InputWindow window)
      throws IOException {
    CaptureSplit whole = CaptureSplit.whole(path, fileLength);
    PcapngReader reader = new PcapngReader(window, whole, null);
    List<CaptureSplit> splits = new ArrayList<>();
    long splitStart = 0;
    PcapngSection startState = null;
    long boundary = splitSize;
    while (!reader.ended()) {
      long at = reader.position();
      if (at >= boundary && at < fileLength) {
        splits.add(new CaptureSplit(path, splitStart, at, fileLength, startState));
        splitStart = at;
        startState = reader.sectionSnapshot();
        boundary = (at / splitSize + 1) * splitSize;
      }
      if (reader.readBlock() && reader.record().error != null) {
        return List.of(whole);
      }
    }
    if (reader.position() != fileLength) {
      return List.of(whole);
    }
    splits.add(new CaptureSplit(path, splitStart, fileLength, fileLength, startState));
    return splits;
  }
}
