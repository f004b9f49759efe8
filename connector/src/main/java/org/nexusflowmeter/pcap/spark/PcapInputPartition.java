package org.nexusflowmeter.pcap.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** The splits one task reads, in order, and the hosts holding most of their bytes. */
public final class PcapInputPartition implements InputPartition {
  private static final long serialVersionUID = 1L;

  private final PcapFileSplit[] splits;
  private final String[] preferredLocations;

  public PcapInputPartition(List<PcapFileSplit> splits, String[] preferredLocations) {
    this.splits = splits.toArray(new PcapFileSplit[0]);
    this.preferredLocations = preferredLocations;
  }

  public PcapFileSplit[] splits() {
    return splits;
  }

  @Override
  public String[] preferredLocations() {
    return preferredLocations;
  }
}
