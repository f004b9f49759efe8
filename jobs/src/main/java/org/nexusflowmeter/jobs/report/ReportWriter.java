package org.nexusflowmeter.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nexusflowmeter.jobs.files.HiddenFiles;
import org.nexusflowmeter.jobs.files.HiddenSibling;

/** Writes a report file whole: beside the target under a hidden name, then renamed onto it. */
public final class ReportWriter {
  private ReportWriter() {}

  public static void write(Path target, String text) throws IOException {
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = HiddenSibling.of(absolute, ".partial");
    HiddenFiles.deletedAfter(() -> {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      return Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }, () -> Files.deleteIfExists(partial));
  }
}
