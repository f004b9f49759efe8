package org.nexusflowmeter.flow;

/**
 * Joins the flow parts on both sides of a seam between two consecutive pieces of one key's packets (the last flow
 * of the earlier piece, the first flow of the later piece, which must have been built with the join log on) so
 * that the result is what one pass over both pieces gives.
 *
 * <p>A one-pass boundary at the seam (idle gap, active timeout from the earlier flow's start, or a SYN without
 * ACK as the later part's first packet after a TCP close) makes the parts two flows: {@link Outcome#SEPARATE},
 * exact. Otherwise they are one flow, and the join is exact unless one pass would have put a boundary inside the
 * later part that its own pass could not see, which happens when: the active timeout counted from the earlier
 * part's start expires inside the later part; or the earlier part's RST/FINs plus the later part's FINs close the
 * TCP flow before a SYN without ACK inside the later part; or the later part's replay log overflowed. Then the
 * outcome is {@link Outcome#NOT_EXACT} and nothing changes: the caller must feed those packets through one
 * accumulator.
 */
public final class FlowSeam {
  /** What {@link #join} did. */
  public enum Outcome {
    /** Two flows; neither part changed. */
    SEPARATE,
    /** One flow: the earlier part now holds both; drop the later one. */
    JOINED,
    /** A boundary falls inside the later part; neither part changed; re-run those packets in one pass. */
    NOT_EXACT
  }

  private FlowSeam() {}

  public static Outcome join(FlowPart earlier, FlowPart later, FlowTimeouts timeouts) {
    if (!earlier.key.equals(later.key)) {
      throw new IllegalArgumentException("parts of different keys: " + earlier.key + " and " + later.key);
    }
    FlowState before = earlier.state;
    FlowState after = later.state;
    if (after.firstNanos < before.lastNanos) {
      throw new IllegalArgumentException("the later part starts before the earlier one ends");
    }
    boolean reopened = before.tcp && before.closedForTcp() && after.firstIsPureSyn;
    if (timeouts.idleExpired(before.lastNanos, after.firstNanos)
        || timeouts.activeExpired(before.firstNanos, after.firstNanos) || reopened) {
      return Outcome.SEPARATE;
    }
    if (timeouts.activeExpired(before.firstNanos, after.lastNanos) || hiddenTcpBoundary(before, after)
        || (after.tcp && !after.recordControlLog) || after.controlLogOverflow) {
      return Outcome.NOT_EXACT;
    }
    before.absorb(after);
    return Outcome.JOINED;
  }

  /** Whether a SYN without ACK inside the later part comes after the joined flow has closed. */
  private static boolean hiddenTcpBoundary(FlowState before, FlowState after) {
    if (!before.tcp || after.pureSynFinMasks == 0) {
      return false;
    }
    if (before.rstSeen) {
      return true;
    }
    int earlierFins = before.fins;
    for (int mask = 0; mask < 3; mask++) {
      if ((after.pureSynFinMasks & (1 << mask)) != 0 && (mask | earlierFins) == 3) {
        return true;
      }
    }
    return false;
  }
}
