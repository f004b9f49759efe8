package org.nexusflowmeter.jobs.cli;

/** A run that cannot go on, with the one line that tells the user why (exit code 1). */
final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliFailure(String message) {
    super(message);
  }
}
