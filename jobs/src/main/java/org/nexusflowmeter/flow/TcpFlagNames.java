package org.nexusflowmeter.flow;

/** Column 29: the TCP flags seen, by name in bit order, joined with '|'. */
final class TcpFlagNames {
  private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
  /** The text of every flags byte, made once: a flow row needs one. */
  private static final String[] TEXTS = new String[1 << NAMES.length];

  static {
    for (int flags = 0; flags < TEXTS.length; flags++) {
      TEXTS[flags] = text(flags);
    }
  }

  private TcpFlagNames() {}

  /** The names of the flags set in the low byte of {@code flags}. */
  static String of(int flags) {
    return TEXTS[flags & 0xFF];
  }

  private static String text(int flags) {
    StringBuilder text = new StringBuilder();
    for (int bit = 0; bit < NAMES.length; bit++) {
      if ((flags & (1 << bit)) != 0) {
        if (text.length() > 0) {
          text.append('|');
        }
        text.append(NAMES[bit]);
      }
    }
    return text.toString();
  }
}
