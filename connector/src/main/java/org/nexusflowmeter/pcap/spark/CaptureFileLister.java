package org.nexusflowmeter.pcap.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkIllegalArgumentException;

/**
 * Turns the paths of a read into the files it reads, with the rules of Spark's file sources: a path is a
 * file, a directory (its files; hidden names starting with '_' or '.' skipped; subdirectories only with
 * recursiveFileLookup) or a glob; pathGlobFilter keeps the files whose NAME matches it.
 */
final class CaptureFileLister {
  private static final String GLOB_CHARACTERS = "{}[]*?\\";

  private CaptureFileLister() {}

  /** The files to read, each once, in the order the paths name them. */
  static List<FileStatus> list(PcapReadOptions options, Configuration conf) {
    try {
      GlobFilter nameFilter = options.pathGlobFilter == null ? null : new GlobFilter(options.pathGlobFilter);
      Map<Path, FileStatus> files = new LinkedHashMap<>();
      for (String pathText : options.paths) {
        Path path = new Path(pathText);
        FileSystem fs = path.getFileSystem(conf);
        for (FileStatus matched : resolve(fs, path, pathText)) {
          if (matched.isDirectory()) {
            addDirectory(fs, matched.getPath(), options.recursiveFileLookup, nameFilter, files);
          } else {
            addFile(matched, nameFilter, files);
          }
        }
      }
      return new ArrayList<>(files.values());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + options.paths, e);
    }
  }

  private static List<FileStatus> resolve(FileSystem fs, Path path, String pathText)
      throws IOException {
    Path qualified = fs.makeQualified(path);
    if (isGlob(pathText)) {
      FileStatus[] matches = fs.globStatus(qualified);
      if (matches == null || matches.length == 0) {
        throw pathNotFound(qualified);
      }
      return Arrays.asList(matches);
    }
    try {
      return List.of(fs.getFileStatus(qualified));
    } catch (FileNotFoundException e) {
      throw pathNotFound(qualified);
    }
  }

  private static void addDirectory(FileSystem fs, Path dir, boolean recursive, GlobFilter nameFilter,
      Map<Path, FileStatus> files) throws IOException {
    FileStatus[] children = fs.listStatus(dir);
    // Sorted so that the file order, and with it the partition order, does not depend on the file system.
    Arrays.sort(children, Comparator.comparing(FileStatus::getPath));
    for (FileStatus child : children) {
      if (isHidden(child.getPath().getName())) {
        continue;
      }
      if (child.isDirectory()) {
        if (recursive) {
          addDirectory(fs, child.getPath(), true, nameFilter, files);
        }
      } else {
        addFile(child, nameFilter, files);
      }
    }
  }

  private static void addFile(FileStatus file, GlobFilter nameFilter, Map<Path, FileStatus> files) {
    if (nameFilter == null || nameFilter.accept(new Path(file.getPath().getName()))) {
      files.putIfAbsent(file.getPath(), file);
    }
  }

  /** Spark's file index skips these: job output markers (_SUCCESS), temporary and hidden files. */
  private static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".") || name.endsWith("._COPYING_");
  }

  private static boolean isGlob(String pathText) {
    for (int i = 0; i < pathText.length(); i++) {
      if (GLOB_CHARACTERS.indexOf(pathText.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The error Spark's own file sources raise, with its error class, so callers can match on it. */
  private static SparkIllegalArgumentException pathNotFound(Path path) {
    return new SparkIllegalArgumentException("PATH_NOT_FOUND", Map.of("path", path.toString()));
  }
}
