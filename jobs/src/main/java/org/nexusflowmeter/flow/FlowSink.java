package org.nexusflowmeter.flow;

/** Receives the flows a {@link FlowAccumulator} completes, in start order. */
@FunctionalInterface
public interface FlowSink {
  void accept(FlowRecord flow);
}
