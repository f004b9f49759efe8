package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A flow CSV the command wrote, read back: its header and rows as column-to-text maps, in file order. */
final class FlowCsv {
  final List<String> header;
  final List<Map<String, String>> rows = new ArrayList<>();

  /** No flow column holds a comma (flags are joined with '|'), so a plain split reads every row. */
  FlowCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    header = Arrays.asList(lines.get(0).split(",", -1));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        throw new IllegalStateException(file + ": " + cells.length + " cells in " + line);
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < cells.length; i++) {
        row.put(header.get(i), cells[i]);
      }
      rows.add(row);
    }
  }

  List<String> column(String name) {
    return rows.stream().map(r -> r.get(name)).collect(Collectors.toList());
  }
}
