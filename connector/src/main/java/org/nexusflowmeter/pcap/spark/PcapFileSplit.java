package org.nexusflowmeter.pcap.spark;

import java.io.Serializable;
import org.nexusflowmeter.pcap.format.CaptureSplit;

/** One split of one file, and the codec to read it through when the file is compressed. */
public final class PcapFileSplit implements Serializable {
  private static final long serialVersionUID = 1L;

  public final CaptureSplit split;
  /** Hadoop codec class of a compressed file (then the split is the whole file), or null. */
  public final String codecClass;
  /** Bytes of the file this split covers, for packing splits into partitions. */
  public final long sizeInBytes;

  public PcapFileSplit(CaptureSplit split, String codecClass, long sizeInBytes) {
    this.split = split;
    this.codecClass = codecClass;
    this.sizeInBytes = sizeInBytes;
  }

  @Override
  public String toString() {
    return codecClass == null ? split.toString() : split + " via " + codecClass;
  }
}
