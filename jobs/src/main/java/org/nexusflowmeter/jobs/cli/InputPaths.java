package org.nexusflowmeter.jobs.cli;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Capture paths as the pcap source reads them. A local path becomes an absolute {@code file:} path whatever
 * Spark's default file system is, its glob characters escaped so that {@code cap[1].pcap} is that file and
 * not a pattern; a URI with a scheme ({@code hdfs://...}, {@code s3a://...}) is passed on as typed.
 */
final class InputPaths {
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final String GLOB_CHARACTERS = "{}[]*?\\";

  private InputPaths() {}

  static boolean isUri(String typed) {
    return SCHEME.matcher(typed).matches();
  }

  static String forSource(Path local) {
    String absolute = local.toAbsolutePath().normalize().toString();
    StringBuilder escaped = new StringBuilder("file:");
    for (int i = 0; i < absolute.length(); i++) {
      char c = absolute.charAt(i);
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
