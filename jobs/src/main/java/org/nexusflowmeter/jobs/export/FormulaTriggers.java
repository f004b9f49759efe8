package org.nexusflowmeter.jobs.export;

/**
 * The leading characters that make a spreadsheet read typed-in text as a formula (OWASP's CSV-injection list:
 * {@code = + - @}, tab and carriage return).
 */
final class FormulaTriggers {
  private FormulaTriggers() {}

  static boolean startsWithTrigger(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }
}
