package org.nexusflowmeter.pcap.format;

/**
 * Lengths above which a record is malformed rather than merely large, and the stricter bounds used only
 * to PROVE where records start (split sync and resync after damage). Every buffer the readers size
 * from a file's length fields is bounded by these.
 */
final class CaptureLimits {
  private CaptureLimits() {}

  /** No captured length is accepted above 16 MiB, whatever the snapshot length claims. */
  static final int MAX_CAPTURED_LENGTH = 16 << 20;

  /** The largest caplen a classic pcap reader accepts even when the file's snaplen is smaller: 256 KiB (tcpdump's default snaplen). */
  static final int MIN_CAPTURED_LENGTH_LIMIT = 262_144;

  /** A pcapng block may not exceed 16 MiB plus room for the EPB header and options. */
  static final int MAX_BLOCK_LENGTH = MAX_CAPTURED_LENGTH + 65_536;

  /**
   * Proof bound for pcapng resync: a candidate block longer than this is not accepted as evidence (it
   * is still read when reached through the block chain).
   */
  static final int MAX_PROOF_BLOCK_LENGTH = MIN_CAPTURED_LENGTH_LIMIT + 4096;

  /** Bytes of record chain beyond the candidate window a classic pcap sync candidate must cover. */
  static final int PROOF_LOOKAHEAD = 65_536;

  /** Classic pcap hard caplen limit: max(snaplen, 256 KiB), never above 16 MiB. */
  static int pcapCapturedLengthLimit(long snapLen) {
    return (int) Math.min(Math.max(snapLen, MIN_CAPTURED_LENGTH_LIMIT), MAX_CAPTURED_LENGTH);
  }

  /** Classic pcap proof caplen limit: the file's snaplen when it is in 1..256 KiB, else 256 KiB. */
  static int pcapProofCapturedLengthLimit(long snapLen) {
    return snapLen >= 1 && snapLen <= MIN_CAPTURED_LENGTH_LIMIT ? (int) snapLen : MIN_CAPTURED_LENGTH_LIMIT;
  }
}
