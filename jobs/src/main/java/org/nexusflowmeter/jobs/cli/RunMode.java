package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/** Single-file or batch: checks what it can before Spark starts, then runs on a session. */
interface RunMode {
  /** Checks inputs and output places; throws {@link CliFailure} on the first problem. */
  void prepare() throws IOException;

  /** Runs on {@code spark} and returns the exit code. */
  int execute(SparkSession spark) throws IOException;
}
