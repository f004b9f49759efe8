package org.nexusflowmeter.jobs.report.html;

/**
 * Escaping for text and attribute values. Every string that reaches the page goes through here: titles, addresses
 * and protocol names come from the user or from the capture, and the page must also stay well-formed XML so that
 * it reads the same in any parser.
 */
final class Html {
  private Html() {}

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          // Control characters other than tab, newline and carriage return are not allowed in XML text.
          out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
