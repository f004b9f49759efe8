package org.nexusflowmeter.jobs.cli;

/** An exception as one line a user can act on: the innermost cause's message, first line only. */
final class ErrorLine {
  private ErrorLine() {}

  static String of(Throwable error) {
    Throwable cause = error;
    String message = firstLine(error);
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = firstLine(cause);
      }
    }
    return message;
  }

  private static String firstLine(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
