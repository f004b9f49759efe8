package org.nexusflowmeter.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nexusflowmeter.jobs.files.FileNameLength;

/** Checks, before Spark starts, that the inputs are there and the outputs can be written. */
final class OutputPlaces {
  private OutputPlaces() {}

  /** Creates {@code directory} (and its parents) and checks that files can be written in it. */
  static Path writableDirectory(Path directory, String what) {
    Path absolute = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (IOException e) {
      throw new CliFailure("cannot create the " + what + " " + absolute + ": " + ErrorLine.of(e));
    }
    if (!Files.isWritable(absolute)) {
      throw new CliFailure("cannot write to the " + what + " " + absolute);
    }
    return absolute;
  }

  /** Fails when {@code file} is a directory (a file of that name cannot replace it). */
  static void replaceableFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new CliFailure("the output " + file + " is a directory");
    }
  }

  /**
   * Fails when a name of {@code files} is longer than a file name may be. The modes check the names of a run's
   * files before it reads its capture, so that a report whose name is too long does not fail the run after its
   * output was written. The error names the longest, so that a name shortened by what it says fits for every file.
   */
  static void fittingNames(List<Path> files) {
    Path longest = null;
    int longestBytes = 0;
    for (Path file : files) {
      int bytes = FileNameLength.bytes(file.getFileName().toString());
      if (bytes > longestBytes) {
        longest = file;
        longestBytes = bytes;
      }
    }
    if (longestBytes > FileNameLength.MAX_BYTES) {
      throw new CliFailure("the name of " + longest + " is " + longestBytes + " bytes; a file name may have at most "
          + FileNameLength.MAX_BYTES);
    }
  }

  /** A local capture that exists, is a file and can be read. */
  static void readableCapture(Path capture) {
    if (!Files.exists(capture)) {
      throw new CliFailure("capture not found: " + capture);
    }
    if (Files.isDirectory(capture)) {
      throw new CliFailure(capture + " is a directory: use -d DIR -c OUTDIR for every capture in it");
    }
    if (!Files.isReadable(capture)) {
      throw new CliFailure("cannot read " + capture);
    }
  }

  /** The file name of a source path or URI, for messages. */
  static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
