package org.nexusflowmeter.pcap.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.network.util.JavaUtils;

/**
 * The options of one read, parsed once. Keys are matched case-insensitively, as Spark's file sources do;
 * every option except the paths is also kept, with its original case, for the Hadoop configuration.
 */
public final class PcapReadOptions {
  static final String PATH = "path";
  static final String PATHS = "paths";
  static final String MODE = "mode";
  static final String RECURSIVE_FILE_LOOKUP = "recursiveFileLookup";
  static final String PATH_GLOB_FILTER = "pathGlobFilter";
  static final String MAX_PARTITION_BYTES = "maxPartitionBytes";

  /** The paths as given: files, directories or globs, in any Hadoop scheme. */
  public final List<String> paths;
  public final ReadMode mode;
  public final boolean recursiveFileLookup;
  /** Glob on file names, or null for every file. */
  public final String pathGlobFilter;
  /** Split size for this read in bytes, or -1 to use the session's spark.sql.files.maxPartitionBytes. */
  public final long maxPartitionBytes;
  /** Every option but the paths, original case kept, to apply to the Hadoop configuration. */
  public final Map<String, String> hadoopOptions;

  private PcapReadOptions(List<String> paths, ReadMode mode, boolean recursiveFileLookup,
      String pathGlobFilter, long maxPartitionBytes, Map<String, String> hadoopOptions) {
    this.paths = paths;
    this.mode = mode;
    this.recursiveFileLookup = recursiveFileLookup;
    this.pathGlobFilter = pathGlobFilter;
    this.maxPartitionBytes = maxPartitionBytes;
    this.hadoopOptions = hadoopOptions;
  }

  /**
   * Parses the options Spark hands a TableProvider. {@code DataFrameReader.load(p1, p2, ...)} passes the
   * paths as a JSON array under "paths"; {@code option("path", p).load()} passes one under "path".
   */
  public static PcapReadOptions parse(Map<String, String> options) {
    Map<String, String> lower = new LinkedHashMap<>();
    Map<String, String> hadoop = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      lower.put(key, e.getValue());
      if (!key.equals(PATH) && !key.equals(PATHS)) {
        hadoop.put(e.getKey(), e.getValue());
      }
    }
    List<String> paths = new ArrayList<>();
    if (lower.containsKey(PATH)) {
      paths.add(lower.get(PATH));
    }
    if (lower.containsKey(PATHS)) {
      paths.addAll(parsePathArray(lower.get(PATHS)));
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("format pcap needs a path: load(path) or load(path1, path2, ...)");
    }
    String modeText = get(lower, MODE);
    ReadMode mode = modeText == null ? ReadMode.PERMISSIVE : ReadMode.parse(modeText);
    boolean recursive = parseBoolean(lower, RECURSIVE_FILE_LOOKUP);
    String globFilter = get(lower, PATH_GLOB_FILTER);
    String maxBytesText = get(lower, MAX_PARTITION_BYTES);
    long maxBytes = maxBytesText == null ? -1 : parseByteSize(MAX_PARTITION_BYTES, maxBytesText);
    return new PcapReadOptions(Collections.unmodifiableList(paths), mode, recursive, globFilter, maxBytes,
        Collections.unmodifiableMap(hadoop));
  }

  /** Parses a size as Spark's byte configurations do: "300" is bytes, "128m" / "128MB" are mebibytes. */
  static long parseByteSize(String name, String text) {
    long bytes;
    try {
      bytes = JavaUtils.byteStringAsBytes(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a byte size such as 134217728 or 128m, not '"
          + text + "'", e);
    }
    if (bytes <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not '" + text + "'");
    }
    return bytes;
  }

  private static String get(Map<String, String> lower, String name) {
    return lower.get(name.toLowerCase(Locale.ROOT));
  }

  private static boolean parseBoolean(Map<String, String> lower, String name) {
    String value = get(lower, name);
    if (value == null) {
      return false;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("option " + name + " must be true or false, not '" + value + "'");
    }
  }

  private static List<String> parsePathArray(String json) {
    try {
      return Arrays.asList(new ObjectMapper().readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("option paths must be a JSON array of strings: " + json, e);
    }
  }
}
