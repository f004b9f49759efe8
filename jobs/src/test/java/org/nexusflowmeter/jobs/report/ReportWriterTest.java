package org.nexusflowmeter.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report is written under a name of any length a file may have, leaving nothing beside it. */
class ReportWriterTest {
  @Test
  void reportsWithNamesOfTheLongestLengthAreWrittenAndLeaveNothingElse(@TempDir Path dir) throws Exception {
    // 255 bytes each, the most a file name may have: ".<name>.partial" beside them would be 264; 'é' is 2 bytes
    Path ascii = dir.resolve("r".repeat(251) + ".txt");
    Path accented = dir.resolve("é".repeat(125) + ".json");
    assertEquals(255, accented.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);

    ReportWriter.write(ascii, "text report");
    ReportWriter.write(accented, "{}");

    assertEquals("text report", Files.readString(ascii));
    assertEquals("{}", Files.readString(accented));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(ascii, accented), files.sorted().collect(Collectors.toList()), "nothing else");
    }
  }
}
