package org.nexusflowmeter.flow;

/** Receives the flows a {@link FlowAccumulator} completes, in start order, each as a part of its own. */
@FunctionalInterface
public interface FlowPartSink {
  void accept(FlowPart flow);
}
