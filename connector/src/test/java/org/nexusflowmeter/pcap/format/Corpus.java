package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared corpus of real captures (../shared/corpus), when the build has it. */
final class Corpus {
  /** One INDEX.tsv row. */
  record Entry(String file, String format, long packets, String notes) {
    boolean wiresharkError() {
      return notes.contains("wireshark_error");
    }
  }

  private Corpus() {}

  /** The corpus directory; skips the calling test when the build has no shared corpus. */
  static Path dir() {
    String shared = System.getProperty("shared.dir");
    Path corpus = shared == null ? null : Path.of(shared, "corpus");
    assumeTrue(corpus != null && Files.isDirectory(corpus), "no shared corpus");
    return corpus;
  }

  /** Every capture file under the corpus, in a stable order. */
  static List<Path> files() {
    Path root = dir();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(Corpus::isCapture).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isCapture(Path p) {
    String name = p.getFileName().toString();
    return !name.equals("INDEX.tsv") && !name.equals("SOURCES.md") && !name.endsWith(".csv")
        && !name.endsWith(".py") && !name.endsWith(".sh") && !name.endsWith(".md");
  }

  static Map<String, Entry> index() throws IOException {
    Map<String, Entry> rows = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(dir().resolve("INDEX.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      rows.put(f[0], new Entry(f[0], f[1], Long.parseLong(f[5]), f[6]));
    }
    return rows;
  }
}
