package org.nexusflowmeter.pcap.format;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a pcapng section has declared so far: its byte order and the interfaces of every IDB since its
 * SHB. The reader keeps one; the planner hands a copy to each split as its start state.
 */
final class PcapngSection implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Interface ids are u32, but no real section declares more; an IDB beyond this is malformed. */
  static final int MAX_INTERFACES = 65_536;

  final boolean bigEndian;
  private int count;
  private int[] linkTypes = new int[4];
  private long[] snapLengths = new long[4];
  private int[] tsresols = new int[4];
  private long[] tsOffsetsNanos = new long[4];

  PcapngSection(boolean bigEndian) {
    this.bigEndian = bigEndian;
  }

  private PcapngSection(PcapngSection other) {
    this.bigEndian = other.bigEndian;
    this.count = other.count;
    this.linkTypes = Arrays.copyOf(other.linkTypes, Math.max(count, 1));
    this.snapLengths = Arrays.copyOf(other.snapLengths, Math.max(count, 1));
    this.tsresols = Arrays.copyOf(other.tsresols, Math.max(count, 1));
    this.tsOffsetsNanos = Arrays.copyOf(other.tsOffsetsNanos, Math.max(count, 1));
  }

  PcapngSection copy() {
    return new PcapngSection(this);
  }

  int interfaceCount() {
    return count;
  }

  boolean full() {
    return count >= MAX_INTERFACES;
  }

  void addInterface(int linkType, long snapLength, int tsresol, long tsOffsetSeconds) {
    if (count == linkTypes.length) {
      int capacity = count * 2;
      linkTypes = Arrays.copyOf(linkTypes, capacity);
      snapLengths = Arrays.copyOf(snapLengths, capacity);
      tsresols = Arrays.copyOf(tsresols, capacity);
      tsOffsetsNanos = Arrays.copyOf(tsOffsetsNanos, capacity);
    }
    linkTypes[count] = linkType;
    snapLengths[count] = snapLength;
    tsresols[count] = tsresol;
    tsOffsetsNanos[count] = tsOffsetSeconds * 1_000_000_000L;
    count++;
  }

  int linkType(int interfaceId) {
    return linkTypes[interfaceId];
  }

  /** if_snaplen; 0 means no limit. */
  long snapLength(int interfaceId) {
    return snapLengths[interfaceId];
  }

  long toNanos(int interfaceId, long timestamp) {
    return TimestampUnits.toNanos(timestamp, tsresols[interfaceId]) + tsOffsetsNanos[interfaceId];
  }
}
