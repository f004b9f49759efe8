package org.nexusflowmeter.pcap.spark.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The shared corpus of real captures beside the checkout (-Dshared.dir), when it is there. */
final class SharedCorpus {
  private SharedCorpus() {}

  /** The corpus directory, or null when -Dshared.dir is unset or holds no corpus/INDEX.tsv. */
  static Path directory() {
    String shared = System.getProperty("shared.dir");
    if (shared == null) {
      return null;
    }
    Path corpus = Path.of(shared, "corpus");
    return Files.isRegularFile(corpus.resolve("INDEX.tsv")) ? corpus : null;
  }

  /** INDEX.tsv's packets column (well-formed records as tshark counts them) by file. */
  static Map<String, Long> packetCounts() throws IOException {
    List<String> lines = Files.readAllLines(directory().resolve("INDEX.tsv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split("\t"));
    int file = header.indexOf("file");
    int packets = header.indexOf("packets");
    Map<String, Long> counts = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t");
      counts.put(cells[file], Long.parseLong(cells[packets]));
    }
    return counts;
  }
}
