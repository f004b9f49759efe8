package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The captures of batch mode: the regular files directly in a directory (not recursive, as the original) whose
 * name ends in .pcap, .pcapng, .cap or .dmp in any letter case, optionally followed by a compression suffix the
 * pcap source reads through a Hadoop codec (.gz, .bz2, ...), sorted by name.
 */
final class CaptureDiscovery {
  private static final Pattern CAPTURE_NAME = Pattern.compile(
      "(.+)\\.(pcap|pcapng|cap|dmp)(\\.(gz|bz2|deflate|lz4|snappy|zst))?", Pattern.CASE_INSENSITIVE);

  /** A capture and the stem its outputs are named after. */
  static final class Capture {
    final Path path;
    final String stem;

    Capture(Path path, String stem) {
      this.path = path;
      this.stem = stem;
    }
  }

  private CaptureDiscovery() {}

  /**
   * The captures in {@code directory}. Each stem is the name without its capture and compression suffixes
   * ({@code a.pcap.gz} gives {@code a}); when two captures would get one stem ({@code a.pcap}, {@code a.pcapng})
   * both use their whole name with dots made underscores ({@code a_pcap}, {@code a_pcapng}) so that no output
   * overwrites another.
   */
  static List<Capture> find(Path directory) throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(Files::isRegularFile)
          .filter(p -> CAPTURE_NAME.matcher(p.getFileName().toString()).matches())
          .sorted()
          .collect(Collectors.toList());
    }
    Map<String, Integer> stemUses = new HashMap<>();
    for (Path file : files) {
      stemUses.merge(plainStem(file).toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    List<Capture> captures = new ArrayList<>();
    for (Path file : files) {
      String stem = plainStem(file);
      boolean shared = stemUses.get(stem.toLowerCase(Locale.ROOT)) > 1;
      captures.add(new Capture(file, shared ? file.getFileName().toString().replace('.', '_') : stem));
    }
    return captures;
  }

  private static String plainStem(Path file) {
    Matcher name = CAPTURE_NAME.matcher(file.getFileName().toString());
    if (!name.matches()) {
      throw new IllegalArgumentException("not a capture name: " + file);
    }
    return name.group(1);
  }
}
