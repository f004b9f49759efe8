package org.nexusflowmeter.jobs.cli;

/** A command line the tool cannot run: an unknown option, a bad value, a missing argument (exit code 2). */
final class UsageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
