package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.util.concurrent.ExecutionException;

/** The failure of work the driver ran on a thread of its own, given back as it was thrown there. */
public final class ThreadFailures {
  private ThreadFailures() {}

  /**
   * Throws {@code failure}'s cause when it is unchecked, returns it when it is an {@link IOException} (for the
   * caller to throw), and throws any other cause inside an {@link IllegalStateException} with its message: Spark's
   * job failures are checked {@code SparkException}s thrown undeclared from Scala.
   */
  public static IOException cause(ExecutionException failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    if (cause instanceof IOException io) {
      return io;
    }
    throw new IllegalStateException(cause.getMessage(), cause);
  }
}
