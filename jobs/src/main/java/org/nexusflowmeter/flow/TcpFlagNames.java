package org.nexusflowmeter.flow;

/** Column 29: the TCP flags seen, by name in bit order, joined with '|'. */
final class TcpFlagNames {
  private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

  private TcpFlagNames() {}

  static String of(int flags) {
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
