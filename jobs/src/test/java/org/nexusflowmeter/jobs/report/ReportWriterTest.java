package org.nexusflowmeter.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report is written under a name of any length a file may have, leaving nothing beside it; a write that fails
 * keeps its error even when its hidden file cannot be deleted.
 */
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

  @Test
  void aWriteThatFailsKeepsItsErrorWhenItsHiddenFileCannotBeDeleted(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("report.txt");
    // a directory with a file in it where the write puts its hidden file: writing it fails, and deleting it too
    Path inTheWay = Files.createDirectory(dir.resolve(".report.txt.partial"));
    Files.writeString(inTheWay.resolve("someone else's"), "kept");

    IOException thrown = assertThrows(IOException.class, () -> ReportWriter.write(target, "text report"));

    assertFalse(thrown instanceof DirectoryNotEmptyException, "the write's error, not the deletion's: " + thrown);
    assertEquals(1, thrown.getSuppressed().length, thrown.toString());
    assertInstanceOf(DirectoryNotEmptyException.class, thrown.getSuppressed()[0]);
    assertFalse(Files.exists(target));
  }
}
