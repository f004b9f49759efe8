package org.nexusflowmeter.pcap.format;

/**
 * One capture record as its container holds it. A reader owns one instance and refills it on every
 * {@link CaptureReader#next()}, so nothing is allocated per packet; copy what must outlive the call.
 */
public final class PacketRecord {
  /** Byte offset in the file of the record (pcap record header, pcapng block). */
  public long fileOffset;
  /** False for pcapng simple packet blocks, which carry no time. */
  public boolean hasTimestamp;
  /** Nanoseconds since the Unix epoch, UTC; valid when {@link #hasTimestamp}. */
  public long timestampNs;
  /** LINKTYPE_* value of the interface the packet was captured on. */
  public int linkType;
  /** pcapng interface id within its section; 0 for classic pcap. */
  public int interfaceId;
  /** Bytes of frame data present: data[dataOffset, dataOffset + capturedLength). */
  public int capturedLength;
  /** Length of the frame on the wire (pcap orig_len, pcapng original packet length). */
  public long originalLength;
  /** Frame bytes; valid until the next call to next(). */
  public byte[] data;
  public int dataOffset;
  /**
   * Null for a well-formed record. Otherwise the record is malformed (truncated at end of file, absurd
   * length, broken block) and this says why, naming the file and the byte offset; the other fields hold
   * whatever could be read (capturedLength 0 and data empty when nothing could).
   */
  public String error;
}
