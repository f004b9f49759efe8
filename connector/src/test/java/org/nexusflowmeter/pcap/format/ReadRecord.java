package org.nexusflowmeter.pcap.format;

import java.util.Arrays;

/** An immutable copy of a {@link PacketRecord}, for comparing reads; the data kept as bytes. */
record ReadRecord(long fileOffset, boolean hasTimestamp, long timestampNs, int linkType, int interfaceId,
    int capturedLength, long originalLength, byte[] data, String error) {

  static ReadRecord of(PacketRecord r) {
    byte[] data = Arrays.copyOfRange(r.data, r.dataOffset, r.dataOffset + r.capturedLength);
    return new ReadRecord(r.fileOffset, r.hasTimestamp, r.timestampNs, r.linkType, r.interfaceId,
        r.capturedLength, r.originalLength, data, r.error);
  }

  boolean ok() {
    return error == null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadRecord r && fileOffset == r.fileOffset && hasTimestamp == r.hasTimestamp
        && timestampNs == r.timestampNs && linkType == r.linkType && interfaceId == r.interfaceId
        && capturedLength == r.capturedLength && originalLength == r.originalLength
        && Arrays.equals(data, r.data) && java.util.Objects.equals(error, r.error);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(fileOffset) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "@" + fileOffset + (hasTimestamp ? " ts=" + timestampNs : " no-ts") + " lt=" + linkType + " if="
        + interfaceId + " cap=" + capturedLength + " orig=" + originalLength + " hash=" + Arrays.hashCode(data)
        + (error == null ? "" : " ERROR " + error);
  }
}
