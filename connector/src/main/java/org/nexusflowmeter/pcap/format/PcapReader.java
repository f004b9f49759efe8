package org.nexusflowmeter.pcap.format;

import java.io.IOException;

/**
 * Reads the records of a classic pcap file that one split owns. A split starting past the first records
 * finds a record start by proof ({@link PcapChainProof#sync}) at or before its start and walks the record
 * chain from there exactly as a sequential read does, errors and resyncs included (from offset 24 when no
 * proof decides), so the union of all splits is one sequential read.
 *
 * <p>Malformed records: a header cut by end of file, data cut by end of file (the bytes that are there are
 * handed out) and a caplen above {@link PcapFileHeader#capturedLengthLimit} each give one record with
 * {@link PacketRecord#error} set. After the first two the file ends; after the last the reader resyncs
 * at the first proven record after it. caplen &gt; origlen is read as it is.
 */
final class PcapReader implements CaptureReader {
  private static final int HEADER = PcapFileHeader.RECORD_HEADER_LENGTH;

  private final InputWindow window;
  private final PcapFileHeader header;
  private final String path;
  private final long end;
  private final long fractionToNanos;
  private final PacketRecord record = new PacketRecord();
  private PcapChainProof proof;
  private long position = PcapFileHeader.LENGTH;
  private boolean ended;

  private PcapReader(InputWindow window, PcapFileHeader header, CaptureSplit split) {
    this.window = window;
    this.header = header;
    this.path = split.path;
    this.end = split.end;
    this.fractionToNanos = header.nanos ? 1 : 1000;
    record.linkType = header.linkType;
  }

  /** A reader positioned at the first record the split owns. */
  static PcapReader open(InputWindow window, PcapFileHeader header, CaptureSplit split) throws IOException {
    PcapReader reader = new PcapReader(window, header, split);
    reader.syncTo(split.start);
    return reader;
  }

  /**
   * Positions the reader at the first record at or after start. Tries the proof at start, then at
   * points ever further back (backReach, 2 backReach, 4 backReach, ... before it) until one decides, and
   * walks the record chain from there as the sequential reader would; a file where no proof decides is
   * walked from offset 24. Backing off keeps the walk short where the proof cannot decide near start:
   * next to damage, or near the end of the file, where false chains also end in a cut record.
   */
  private void syncTo(long start) throws IOException {
    if (start <= PcapFileHeader.LENGTH) {
      return;
    }
    long distance = 0;
    while (start - distance > PcapFileHeader.LENGTH + proof().backReach) {
      long found = proof.sync(start - distance);
      if (found == PcapChainProof.NONE) {
        ended = true;
        return;
      }
      if (found != PcapChainProof.UNDECIDED) {
        position = found;
        break;
      }
      distance = distance == 0 ? proof.backReach : distance * 2;
    }
    while (!ended && position < start) {
      readRecord();
    }
  }

  @Override
  public boolean next() throws IOException {
    return !ended && position < end && readRecord();
  }

  @Override
  public PacketRecord record() {
    return record;
  }

  @Override
  public void close() {}

  /** Reads the record at position into {@link #record}; false at a clean end of file. */
  private boolean readRecord() throws IOException {
    long at = position;
    int available = window.require(at, HEADER);
    if (available == 0) {
      ended = true;
      return false;
    }
    byte[] b = window.bytes;
    int i = window.index(at);
    if (available < HEADER) {
      record.fileOffset = at;
      record.hasTimestamp = false;
      record.timestampNs = 0;
      record.originalLength = 0;
      fail(at, b, i, "record header cut by end of file: " + available + " of " + HEADER + " bytes");
      ended = true;
      return true;
    }
    long capLength = Bytes.u32(b, i + 8, header.bigEndian);
    fillHeader(at, b, i);
    if (capLength > header.capturedLengthLimit) {
      fail(at, b, i + HEADER, "record caplen " + capLength + " above the limit " + header.capturedLengthLimit);
      position = proof().resync(at + 1);
      ended = position < 0;
      return true;
    }
    int length = HEADER + (int) capLength;
    available = window.require(at, length);
    b = window.bytes;
    i = window.index(at);
    record.data = b;
    record.dataOffset = i + HEADER;
    if (available < length) {
      record.capturedLength = available - HEADER;
      record.error = "record data cut by end of file: " + record.capturedLength + " of " + capLength
          + " bytes at offset " + at + " in " + path;
      ended = true;
      return true;
    }
    record.capturedLength = (int) capLength;
    record.error = null;
    position = at + length;
    return true;
  }

  private void fillHeader(long at, byte[] b, int i) {
    record.fileOffset = at;
    record.hasTimestamp = true;
    record.timestampNs = Bytes.u32(b, i, header.bigEndian) * 1_000_000_000L
        + Bytes.u32(b, i + 4, header.bigEndian) * fractionToNanos;
    record.originalLength = Bytes.u32(b, i + 12, header.bigEndian);
  }

  /** Makes the record an error without data; the header fields stay as the caller set them. */
  private void fail(long at, byte[] b, int dataIndex, String reason) {
    record.capturedLength = 0;
    record.data = b;
    record.dataOffset = dataIndex;
    record.error = reason + " at offset " + at + " in " + path;
  }

  private PcapChainProof proof() {
    if (proof == null) {
      proof = new PcapChainProof(window, header);
    }
    return proof;
  }
}
