package org.nexusflowmeter.flow;

/**
 * One flow row: the 34 columns of the flow spec (in its order) plus {@code source_file}. Undefined values are
 * null, never NaN or infinite. Times are epoch nanoseconds (UTC); the job narrows them to its timestamp type.
 */
public final class FlowRecord {
  /** The flow's key and its initiator's side: flow_id, src_ip and dst_ip are made from them when asked for. */
  FlowKey key;
  int srcSide;
  int flowNumber = 1;
  Integer srcPort;
  Integer dstPort;
  String protocol;
  long startTimeNanos;
  long endTimeNanos;
  double durationSeconds;
  long totalPackets;
  long forwardPackets;
  long backwardPackets;
  boolean bidirectional;
  Double forwardBackwardRatio;
  long totalBytes;
  long forwardBytes;
  long backwardBytes;
  long totalPayloadBytes;
  long forwardPayloadBytes;
  long backwardPayloadBytes;
  Double packetsPerSecond;
  Double bytesPerSecond;
  long minPacketSize;
  long maxPacketSize;
  double avgPacketSize;
  Double avgInterArrivalMs;
  Double minInterArrivalMs;
  Double maxInterArrivalMs;
  String tcpFlags;
  long synCount;
  long finCount;
  long rstCount;
  long ackCount;
  String connectionState;
  String zeekConnState;
  String sourceFile;

  FlowRecord() {}

  /**
   * Sets the flow's 1-based position among its key's flows in start order: the 2nd, 3rd... get " #2", " #3"
   * after the id. A job that assembles flows from pieces renumbers them with this.
   */
  public void setFlowNumber(int flowNumber) {
    this.flowNumber = flowNumber;
  }

  /** Writes this flow's flow_id, src_ip and dst_ip into {@code texts}, as bytes, and returns it. */
  public FlowTexts texts(FlowTexts texts) {
    return texts.set(key, srcSide, flowNumber);
  }

  public String getFlowId() { return texts(new FlowTexts()).flowId(); }
  public String getSrcIp() { return texts(new FlowTexts()).srcIp(); }
  public String getDstIp() { return texts(new FlowTexts()).dstIp(); }
  public Integer getSrcPort() { return srcPort; }
  public Integer getDstPort() { return dstPort; }
  public String getProtocol() { return protocol; }
  public long getStartTimeNanos() { return startTimeNanos; }
  public long getEndTimeNanos() { return endTimeNanos; }
  public double getDurationSeconds() { return durationSeconds; }
  public long getTotalPackets() { return totalPackets; }
  public long getForwardPackets() { return forwardPackets; }
  public long getBackwardPackets() { return backwardPackets; }
  public boolean isBidirectional() { return bidirectional; }
  public Double getForwardBackwardRatio() { return forwardBackwardRatio; }
  public long getTotalBytes() { return totalBytes; }
  public long getForwardBytes() { return forwardBytes; }
  public long getBackwardBytes() { return backwardBytes; }
  public long getTotalPayloadBytes() { return totalPayloadBytes; }
  public long getForwardPayloadBytes() { return forwardPayloadBytes; }
  public long getBackwardPayloadBytes() { return backwardPayloadBytes; }
  public Double getPacketsPerSecond() { return packetsPerSecond; }
  public Double getBytesPerSecond() { return bytesPerSecond; }
  public long getMinPacketSize() { return minPacketSize; }
  public long getMaxPacketSize() { return maxPacketSize; }
  public double getAvgPacketSize() { return avgPacketSize; }
  public Double getAvgInterArrivalMs() { return avgInterArrivalMs; }
  public Double getMinInterArrivalMs() { return minInterArrivalMs; }
  public Double getMaxInterArrivalMs() { return maxInterArrivalMs; }
  /** Flag names seen, in bit order, joined by '|'; "" for TCP without any flag; null when not TCP. */
  public String getTcpFlags() { return tcpFlags; }
  public long getSynCount() { return synCount; }
  public long getFinCount() { return finCount; }
  public long getRstCount() { return rstCount; }
  public long getAckCount() { return ackCount; }
  public String getConnectionState() { return connectionState; }
  /** Zeek's own conn_state code behind column 34 (S0, SF, RSTO, ...); null when not TCP. Not an output column. */
  public String getZeekConnState() { return zeekConnState; }
  public String getSourceFile() { return sourceFile; }

  /** Every column in spec order, then source_file, for comparisons and debugging. */
  @Override
  public String toString() {
    FlowTexts texts = texts(new FlowTexts());
    return String.join(",", texts.flowId(), texts.srcIp(), texts.dstIp(), String.valueOf(srcPort),
        String.valueOf(dstPort), protocol, Long.toString(startTimeNanos), Long.toString(endTimeNanos),
        Double.toString(durationSeconds),
        Long.toString(totalPackets), Long.toString(forwardPackets), Long.toString(backwardPackets),
        Boolean.toString(bidirectional), String.valueOf(forwardBackwardRatio), Long.toString(totalBytes),
        Long.toString(forwardBytes), Long.toString(backwardBytes), Long.toString(totalPayloadBytes),
        Long.toString(forwardPayloadBytes), Long.toString(backwardPayloadBytes), String.valueOf(packetsPerSecond),
        String.valueOf(bytesPerSecond), Long.toString(minPacketSize), Long.toString(maxPacketSize),
        Double.toString(avgPacketSize), String.valueOf(avgInterArrivalMs), String.valueOf(minInterArrivalMs),
        String.valueOf(maxInterArrivalMs), String.valueOf(tcpFlags), Long.toString(synCount),
        Long.toString(finCount), Long.toString(rstCount), Long.toString(ackCount), connectionState,
        String.valueOf(sourceFile));
  }
}
