package org.nexusflowmeter.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes one key's flows whole from the flows that the segments ({@link SegmentFlowTable}) built, fed in order of
 * their first packet (time, then file, then file order). Consecutive flows of one segment were cut by that
 * segment's own pass, which saw every packet between them, so they stay apart. Where the next flow comes from
 * another segment, the two touch at a seam, and {@link FlowSeam} joins them or keeps them apart exactly as one
 * pass would.
 *
 * <p>The fold cannot decide (and {@link #result} is null) when the segments' packets interleave in time (a
 * segment's flows are not consecutive, or a flow starts before the previous one ends), or when a seam is
 * {@link FlowSeam.Outcome#NOT_EXACT}. The caller then builds the key's flows from its packets in time order.
 */
public final class KeyFlowFold {
  private final FlowTimeouts timeouts;
  private final List<FlowPart> done = new ArrayList<>();
  /** Segments whose flows came before the current one's; made when a key's flows first span two segments. */
  private Set<Long> segmentsLeft;
  private FlowPart current;
  private long currentSegment;
  private String currentLastFile;
  private boolean undecidable;

  public KeyFlowFold(FlowTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  /**
   * Adds the key's next flow.
   *
   * @param segment the segment that built it (any id unique per segment)
   * @param file the file of the segment, which orders packets of equal time after the time itself
   */
  public void add(long segment, String file, FlowPart flow) {
    if (undecidable) {
      return;
    }
    if (current == null) {
      start(segment, file, flow);
      return;
    }
    if (segment == currentSegment) {
      done.add(current);
      start(segment, file, flow);
      return;
    }
    if (segmentsLeft == null) {
      segmentsLeft = new HashSet<>();
    }
    segmentsLeft.add(currentSegment);
    if (segmentsLeft.contains(segment) || !before(current, currentLastFile, flow, file)) {
      undecidable = true;
      return;
    }
    switch (FlowSeam.join(current, flow, timeouts)) {
      case SEPARATE:
        done.add(current);
        start(segment, file, flow);
        break;
      case JOINED:
        currentSegment = segment;
        currentLastFile = file;
        break;
      default:
        undecidable = true;
    }
  }

  /** The key's flows in start order (number n is at index n - 1), or null when the fold could not decide. */
  public List<FlowPart> result() {
    if (undecidable) {
      return null;
    }
    if (current != null) {
      done.add(current);
      current = null;
    }
    return done;
  }

  private void start(long segment, String file, FlowPart flow) {
    current = flow;
    currentSegment = segment;
    currentLastFile = file;
  }

  /** Whether the earlier flow's last packet comes strictly before the later flow's first, in capture order. */
  private static boolean before(FlowPart earlier, String earlierFile, FlowPart later, String laterFile) {
    if (earlier.lastNanos() != later.firstNanos()) {
      return earlier.lastNanos() < later.firstNanos();
    }
    int byFile = earlierFile.compareTo(laterFile);
    return byFile != 0 ? byFile < 0 : earlier.lastOrder() < later.firstOrder();
  }
}
