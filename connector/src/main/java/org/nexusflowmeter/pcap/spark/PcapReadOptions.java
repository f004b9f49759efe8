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
  static final String COLUMNAR = "columnar";
  static final String BATCH_SIZE = "batchSize";
  static final String BATCH_BYTES = "batchBytes";
  static final int DEFAULT_BATCH_SIZE = 4096;
  /** Enough for a full batch of small packets' addresses; a batch of big frames' data ends at this size. */
  static final long DEFAULT_BATCH_BYTES = 4L << 20;
  /** Spark's column vectors address their bytes with int offsets: this plus one record stays below 2 GiB. */
  private static final long MAX_BATCH_BYTES = 1L << 30;
  /** The vectors are sized for a full batch up front. */
  private static final int MAX_BATCH_SIZE = 1 << 20;

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
  /** Whether the scan hands Spark column batches (the default) rather than one row at a time. */
  public final boolean columnar;
  /** Most rows in one column batch. */
  public final int batchSize;
  /** A column batch ends early once its string and binary values hold this many bytes. */
  public final long batchBytes;

  private PcapReadOptions(List<String> paths, ReadMode mode, boolean recursiveFileLookup,
      String pathGlobFilter, long maxPartitionBytes, Map<String, String> hadoopOptions, boolean columnar,
      int batchSize, long batchBytes) {
    this.paths = paths;
    this.mode = mode;
    this.recursiveFileLookup = recursiveFileLookup;
    this.pathGlobFilter = pathGlobFilter;
    this.maxPartitionBytes = maxPartitionBytes;
    this.hadoopOptions = hadoopOptions;
    this.columnar = columnar;
    this.batchSize = batchSize;
    this.batchBytes = batchBytes;
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
    boolean recursive = parseBoolean(lower, RECURSIVE_FILE_LOOKUP, false);
    String globFilter = get(lower, PATH_GLOB_FILTER);
    String maxBytesText = get(lower, MAX_PARTITION_BYTES);
    long maxBytes = maxBytesText == null ? -1 : parseByteSize(MAX_PARTITION_BYTES, maxBytesText);
    boolean columnar = parseBoolean(lower, COLUMNAR, true);
    String batchSizeText = get(lower, BATCH_SIZE);
    int batchSize = batchSizeText == null ? DEFAULT_BATCH_SIZE : parseBatchSize(batchSizeText);
    String batchBytesText = get(lower, BATCH_BYTES);
    long batchBytes = batchBytesText == null ? DEFAULT_BATCH_BYTES : parseByteSize(BATCH_BYTES, batchBytesText);
    if (batchBytes > MAX_BATCH_BYTES) {
      throw new IllegalArgumentException(BATCH_BYTES + " must be at most 1g, not '" + batchBytesText + "'");
    }
    return new PcapReadOptions(Collections.unmodifiableList(paths), mode, recursive, globFilter, maxBytes,
        Collections.unmodifiableMap(hadoop), columnar, batchSize, batchBytes);
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

  private static int parseBatchSize(String text) {
    int rows;
    try {
      rows = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(BATCH_SIZE + " must be a number of rows, not '" + text + "'", e);
    }
    if (rows <= 0 || rows > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(BATCH_SIZE + " must be 1 to " + MAX_BATCH_SIZE + ", not '" + text + "'");
    }
    return rows;
  }

  private static boolean parseBoolean(Map<String, String> lower, String name, boolean absent) {
    String value = get(lower, name);
    if (value == null) {
      return absent;
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
