package org.nexusflowmeter.pcap.format;

/**
 * The arrays a {@link PcapChainProof} works in, one set per thread and reused by every proof the thread runs:
 * a split's proof needs an int per byte of a window of a few hundred kilobytes (1.8 MB for a 64 KiB snaplen),
 * and allocated anew for each split they were objects above G1's humongous size, whose allocations start
 * young collections of their own once the old generation is near its threshold: over a capture of many
 * splits those bursts of collections made G1 grow the heap. A proof uses them only inside one call of its
 * own (a sync or a resync), which never calls another proof, so the proofs of one thread can share them.
 */
final class ProofScratch {
  private static final ThreadLocal<ProofScratch> OF_THREAD = ThreadLocal.withInitial(ProofScratch::new);

  private int[] reach = new int[0];
  private int[] firstAtOrAfterStart = new int[0];
  private boolean[] meets = new boolean[0];

  private ProofScratch() {}

  static ProofScratch ofThisThread() {
    return OF_THREAD.get();
  }

  /** An array of at least n ints, its contents left from earlier proofs. */
  int[] reach(int n) {
    if (reach.length < n) {
      reach = new int[n];
    }
    return reach;
  }

  /** An array of at least n ints, its contents left from earlier proofs. */
  int[] firstAtOrAfterStart(int n) {
    if (firstAtOrAfterStart.length < n) {
      firstAtOrAfterStart = new int[n];
    }
    return firstAtOrAfterStart;
  }

  /** An array of at least n booleans, the first n false. */
  boolean[] meets(int n) {
    if (meets.length < n) {
      meets = new boolean[n];
    } else {
      java.util.Arrays.fill(meets, 0, n, false);
    }
    return meets;
  }
}
