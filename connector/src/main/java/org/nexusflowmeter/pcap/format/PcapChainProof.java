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
 * {@link #span} bytes from c, or ends exactly at end of file, or ends in a partial record at end of file.
 * Survival depends on c and the file only, so sync and resync agree on it; it is computed for a whole
 * window at once from right to left (chains merge), linear in the window.
 *
 * <p>Resync after a malformed record at m: the first survivor c &gt; m, or none.
 *
 * <p>Sync of a split starting at s, with maxRecord = 16 + proof limit and backReach = maxRecord +
 * max(maxRecord, 64 KiB): the <em>roots</em> are the survivors in [s - backReach, s - backReach +
 * maxRecord), a range the true record chain must cross; the forward survivors are those in [s, s +
 * maxRecord). Decisive iff there is a root, every root's chain has the same first member a &gt;= s, and
 * the chain of every forward survivor meets a's chain inside the window (a parallel chain that never
 * meets it, such as a capture file carried inside packets, leaves the sync undecided); then the split
 * starts at a. Forward survivors whose chain ends in a record cut by end of file are exempt from meeting:
 * near the end of a file almost any false header jumps past it, and roots of that kind still count, so a
 * truncated true chain can still disagree. Otherwise (damage, or chains that
 * do not agree) the caller walks the record chain from offset 24 as the sequential reader does, and it
 * does so too when s &lt;= 24 + backReach. Roots sit at least max(maxRecord, 64 KiB) before s because
 * false chains (headers read inside packet data) that start near s have had no room to merge into the
 * true chain, while those starting that far back have merged with it long before s; survivors between
 * the roots and s, and forward survivors, are therefore asked only to meet the chain, not to be on it
 * (a false header inside a packet starts a short branch that joins the true chain a few records on). span = backReach + maxRecord + 64 KiB, so every
 * root's chain covers the whole window up to s + maxRecord + 64 KiB.
 */
final class PcapChainProof {
  /** Sync verdict: no rule decides; walk from the file header. */
  static final long UNDECIDED = -2;
  /** Sync verdict or resync result: no record starts at or after the offset. */
  static final long NONE = -1;

  private static final int REACH_END_OF_FILE = Integer.MAX_VALUE;
  /** The chain ends in a record cut by end of file. */
  private static final int REACH_PARTIAL_END = Integer.MAX_VALUE - 1;
  private static final int PARTIAL_AT_END_OF_FILE = -1;
  private static final int NO_MEMBER = -1;
  private static final int HEADER = PcapFileHeader.RECORD_HEADER_LENGTH;

  private final InputWindow window;
  private final boolean bigEndian;
  private final int proofLimit;
  final int maxRecord;
  /** Distance from the first root candidate to the split start. */
  final int backReach;
  final int span;

  // The arrays below are the thread's ProofScratch, valid during one sync or resync.
  /** Per window offset: end of the strictly valid chain from it (relative), or one of the markers above. */
  private int[] reach;
  /** Per window offset before the sync start: first chain member at or after it (relative), or NO_MEMBER. */
  private int[] firstAtOrAfterStart;
  /** Per window offset from the sync start: whether its chain meets the chosen chain. */
  private boolean[] meets;
  private long windowStart;
  private int windowLength;

  PcapChainProof(InputWindow window, PcapFileHeader header) {
    this.window = window;
    this.bigEndian = header.bigEndian;
    this.proofLimit = header.proofCapturedLengthLimit;
    this.maxRecord = HEADER + proofLimit;
    this.backReach = maxRecord + Math.max(maxRecord, CaptureLimits.PROOF_LOOKAHEAD);
    this.span = backReach + maxRecord + CaptureLimits.PROOF_LOOKAHEAD;
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
    long lo = start - backReach;
    int startRel = backReach;
    computeReach(lo, backReach + maxRecord + span, startRel);
    int backEnd = Math.min(maxRecord, windowLength);
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
    if (!forwardSurvivorsMeetChain(agreed, startRel, Math.min(startRel + maxRecord, windowLength))) {
      return UNDECIDED;
    }
    return agreed == NO_MEMBER ? NONE : lo + agreed;
  }

  /**
   * True when the chain of every survivor in [from, to) meets the chain from member (relative; NO_MEMBER =
   * none) inside the window. Computed right to left: an offset meets it when it is on it or its successor
   * meets it.
   */
  private boolean forwardSurvivorsMeetChain(int member, int from, int to) {
    int n = windowLength;
    meets = ProofScratch.ofThisThread().meets(n);
    byte[] b = window.bytes;
    int base = window.index(windowStart);
    for (long x = member; x >= 0 && x < n; ) {
      meets[(int) x] = true;
      long next = nextOf(b, base + (int) x);
      x = next < 0 ? -1 : x + next;
    }
    boolean allMeet = true;
    for (int i = n - 1; i >= from; i--) {
      if (!meets[i]) {
        long next = nextOf(b, base + i);
        meets[i] = next >= 0 && i + next < n && meets[(int) (i + next)];
      }
      if (i < to && !meets[i] && survives(i) && reach[i] != REACH_PARTIAL_END) {
        allMeet = false;
      }
    }
    return allMeet;
  }

  /** Length of the strictly valid record whose header is at b[at], or -1; the header must be in the window. */
  private long nextOf(byte[] b, int at) {
    if (at + HEADER > window.index(windowStart) + windowLength + HEADER) {
      return -1;
    }
    long capLength = Bytes.u32(b, at + 8, bigEndian);
    return strictlyValid(capLength, Bytes.u32(b, at + 12, bigEndian)) ? HEADER + capLength : -1;
  }

  private boolean survives(int i) {
    int r = reach[i];
    return r == REACH_END_OF_FILE || r == REACH_PARTIAL_END || (r != PARTIAL_AT_END_OF_FILE && r - i >= span);
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
    ProofScratch scratch = ProofScratch.ofThisThread();
    reach = scratch.reach(n);
    firstAtOrAfterStart = scratch.firstAtOrAfterStart(Math.max(0, startRel));
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
    return r == PARTIAL_AT_END_OF_FILE ? REACH_PARTIAL_END : r;
  }
}
