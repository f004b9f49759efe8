package org.nexusflowmeter.pcap.format;

import java.io.IOException;

/**
 * Finds classic pcap record starts by proof rather than by guess, for split sync and for resync after a
 * malformed record. Timestamps are never part of the proof.
 *
 * <p>A candidate offset c holds a <em>strictly valid</em> header when its caplen is in 1..proof limit
 * (the file's snaplen if in 1..256 KiB, else 256 KiB), caplen &lt;= origlen and origlen &lt;= 16 MiB. The
 * chain from c follows c + 16 + caplen through strictly valid headers. c <em>survives</em> when its own
 * header is complete and strictly valid, its record is complete, and its chain either covers
 * {@link #span} = 2 maxRecord + 64 KiB bytes from c, or ends exactly at end of file, or ends in a partial record at end of file.
 * Survival depends on c and the file only, so sync and resync agree on it; it is computed for a whole
 * window at once from right to left (chains merge), linear in the window.
 *
 * <p>Resync after a malformed record at m: the first survivor c &gt; m, or none.
 *
 * <p>Sync of a split starting at s (s &gt; 24 + maxRecord): candidates in [s - maxRecord, s + maxRecord),
 * maxRecord = 16 + proof limit. Survivors before s are S_back, the others S_fwd. Decisive iff S_back is
 * non-empty, every chain from S_back has the same first member a &gt;= s, and every member of S_fwd lies on
 * a's chain; then the split starts at a. Otherwise the caller walks the record chain from offset 24 as the
 * sequential reader does. Since span &gt;= 2 maxRecord, the chain of every back survivor passes the whole
 * candidate window (horizon s + maxRecord + 64 KiB or more).
 */
final class PcapChainProof {
  /** Sync verdict: no rule decides; walk from the file header. */
  static final long UNDECIDED = -2;
  /** Sync verdict or resync result: no record starts at or after the offset. */
  static final long NONE = -1;

  private static final int REACH_END_OF_FILE = Integer.MAX_VALUE;
  private static final int PARTIAL_AT_END_OF_FILE = -1;
  private static final int NO_MEMBER = -1;
  private static final int HEADER = PcapFileHeader.RECORD_HEADER_LENGTH;

  private final InputWindow window;
  private final boolean bigEndian;
  private final int proofLimit;
  final int maxRecord;
  final int span;

  /** Per window offset: end of the strictly valid chain from it (relative), or one of the markers above. */
  private int[] reach = new int[0];
  /** Per window offset before the sync start: first chain member at or after it (relative), or NO_MEMBER. */
  private int[] firstAtOrAfterStart = new int[0];
  private long windowStart;
  private int windowLength;

  PcapChainProof(InputWindow window, PcapFileHeader header) {
    this.window = window;
    this.bigEndian = header.bigEndian;
    this.proofLimit = header.proofCapturedLengthLimit;
    this.maxRecord = HEADER + proofLimit;
    this.span = 2 * maxRecord + CaptureLimits.PROOF_LOOKAHEAD;
  }

  /** First surviving candidate at or after from, or {@link #NONE}. */
  long resync(long from) throws IOException {
    long lo = from;
    while (true) {
      boolean toEndOfFile = computeReach(lo, 2 * span, -1);
      int candidates = toEndOfFile ? windowLength : Math.min(span, windowLength);
      for (int i = 0; i < candidates; i++) {
        if (survives(i)) {
          return lo + i;
        }
      }
      if (toEndOfFile) {
        return NONE;
      }
      lo += candidates;
    }
  }

  /** The first record at or after start, {@link #NONE}, or {@link #UNDECIDED}. */
  long sync(long start) throws IOException {
    long lo = start - maxRecord;
    int startRel = maxRecord;
    computeReach(lo, 2 * maxRecord + span, startRel);
    int backEnd = Math.min(startRel, windowLength);
    int agreed = Integer.MIN_VALUE;
    for (int i = 0; i < backEnd; i++) {
      if (survives(i)) {
        if (agreed != Integer.MIN_VALUE && agreed != firstAtOrAfterStart[i]) {
          return UNDECIDED;
        }
        agreed = firstAtOrAfterStart[i];
      }
    }
    if (agreed == Integer.MIN_VALUE) {
      return UNDECIDED;
    }
    if (!forwardSurvivorsOnChain(agreed, startRel, Math.min(2 * maxRecord, windowLength))) {
      return UNDECIDED;
    }
    return agreed == NO_MEMBER ? NONE : lo + agreed;
  }

  /** True when every survivor in [from, to) lies on the chain from member (relative; NO_MEMBER = none). */
  private boolean forwardSurvivorsOnChain(int member, int from, int to) {
    long x = member;
    byte[] b = window.bytes;
    for (int i = from; i < to; i++) {
      if (!survives(i)) {
        continue;
      }
      while (x >= 0 && x < i) {
        int at = window.index(windowStart + x);
        long capLength = Bytes.u32(b, at + 8, bigEndian);
        if (!strictlyValid(capLength, Bytes.u32(b, at + 12, bigEndian))) {
          return false;
        }
        x += HEADER + capLength;
      }
      if (x != i) {
        return false;
      }
    }
    return true;
  }

  private boolean survives(int i) {
    int r = reach[i];
    return r == REACH_END_OF_FILE || (r != PARTIAL_AT_END_OF_FILE && r - i >= span);
  }

  private boolean strictlyValid(long capLength, long origLength) {
    return capLength >= 1 && capLength <= proofLimit && capLength <= origLength
        && origLength <= CaptureLimits.MAX_CAPTURED_LENGTH;
  }

  /**
   * Fills reach for [lo, lo + length), cut at end of file, and firstAtOrAfterStart below startRel (none
   * when startRel &lt; 0). Returns true when the window reaches end of file.
   */
  private boolean computeReach(long lo, int length, int startRel) throws IOException {
    int available = window.require(lo, length + HEADER);
    boolean toEndOfFile = available < length + HEADER;
    long endOfFile = toEndOfFile ? lo + available : Long.MAX_VALUE;
    int n = toEndOfFile ? Math.max(0, Math.min(length, available)) : length;
    if (reach.length < n) {
      reach = new int[n];
    }
    if (startRel > 0 && firstAtOrAfterStart.length < startRel) {
      firstAtOrAfterStart = new int[startRel];
    }
    windowStart = lo;
    windowLength = n;
    byte[] b = window.bytes;
    int base = window.index(lo);
    for (int i = n - 1; i >= 0; i--) {
      long offset = lo + i;
      long next;
      if (offset + HEADER > endOfFile) {
        reach[i] = PARTIAL_AT_END_OF_FILE;
        next = -1;
      } else {
        long capLength = Bytes.u32(b, base + i + 8, bigEndian);
        if (!strictlyValid(capLength, Bytes.u32(b, base + i + 12, bigEndian))) {
          reach[i] = i;
          next = -1;
        } else {
          next = offset + HEADER + capLength;
          reach[i] = reachThrough(next, lo, n, endOfFile);
        }
      }
      if (i < startRel) {
        firstAtOrAfterStart[i] = next < 0 || next > endOfFile ? NO_MEMBER
            : next - lo >= startRel ? (int) (next - lo) : firstAtOrAfterStart[(int) (next - lo)];
      }
    }
    return toEndOfFile;
  }

  /** Reach of a strictly valid record whose successor starts at next. */
  private int reachThrough(long next, long lo, int n, long endOfFile) {
    if (next > endOfFile) {
      return PARTIAL_AT_END_OF_FILE;
    }
    if (next == endOfFile) {
      return REACH_END_OF_FILE;
    }
    long rel = next - lo;
    if (rel >= n) {
      return (int) rel;
    }
    int r = reach[(int) rel];
    return r == PARTIAL_AT_END_OF_FILE ? REACH_END_OF_FILE : r;
  }
}
