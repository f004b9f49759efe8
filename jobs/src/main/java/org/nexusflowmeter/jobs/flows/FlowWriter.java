package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.nexusflowmeter.jobs.export.XlsxExporter;
import org.nexusflowmeter.jobs.files.HiddenFiles;
import org.nexusflowmeter.jobs.files.HiddenSibling;

/**
 * Writes a flow table. Text formats write times as ISO-8601 UTC with microseconds
 * ({@code 2026-11-26T23:15:04.123456Z}) whatever the session time zone, and JSON keeps null fields as
 * {@code null} (flow spec section 4).
 */
public final class FlowWriter {
  private static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  private FlowWriter() {}

  /**
   * Writes {@code flows} as a directory of part files at {@code path} (any Hadoop scheme), replacing it. JSON is
   * one object per line (JSON Lines); XLSX is one local file written on the driver.
   */
  public static void writeDirectory(Dataset<Row> flows, FlowOutputFormat format, String path) {
    if (format == FlowOutputFormat.XLSX) {
      writeXlsx(flows, Path.of(path));
      return;
    }
    DataFrameWriter<Row> writer = flows.write().mode(SaveMode.Overwrite);
    switch (format) {
      case CSV:
        // quotes doubled (RFC 4180), as the single-file writer (FlowTextFormat) writes them
        writer.option("header", "true").option("timeZone", "UTC").option("timestampFormat", TIMESTAMP_FORMAT)
            .option("escape", "\"").csv(path);
        break;
      case JSON:
        writer.option("timeZone", "UTC").option("timestampFormat", TIMESTAMP_FORMAT)
            .option("ignoreNullFields", "false").json(path);
        break;
      case PARQUET:
        writer.parquet(path);
        break;
      default:
        throw new IllegalStateException("no writer for " + format);
    }
  }

  /**
   * Writes {@code flows}, in the Dataset's order, as exactly the local file {@code target}; JSON is one array of
   * objects, as the original tool writes it. CSV and JSON are written by every task in parallel and joined on the
   * driver ({@link FlowTextFile}); Parquet by Spark's writer from one partition. Everything is written beside
   * the target under a hidden name and then moved onto the target in one rename, so the target is either the
   * old file or the whole new one.
   */
  public static void writeSingleFile(Dataset<Row> flows, FlowOutputFormat format, Path target) {
    if (format == FlowOutputFormat.XLSX) {
      writeXlsx(flows, target);
      return;
    }
    writeBeside(target, (absolute, parts, partial) -> {
      if (format == FlowOutputFormat.PARQUET) {
        // one partition keeps the order: coalesce concatenates the sorted ranges in order without a shuffle
        // "file:" + the plain path: Hadoop takes a path string literally, where a URI's %-escapes (a space, a
        // bracket) would become part of the name
        writeDirectory(flows.coalesce(1), format, "file:" + parts);
        Files.move(onlyPart(parts, format), absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        FlowTextFile.write(flows, format == FlowOutputFormat.JSON, absolute, parts, partial);
      }
    });
  }

  /**
   * Writes {@code flows} sorted by {@code order} as exactly the local file {@code target}, as
   * {@link #writeSingleFile(Dataset, FlowOutputFormat, Path)} writes {@code flows.orderBy(order.columns())}. CSV
   * and JSON are sorted by each task and merged on the driver, with no global sort.
   */
  public static void writeSingleFile(Dataset<Row> flows, FlowSortOrder order, FlowOutputFormat format,
      Path target) {
    writeSingleFile(flows, order, format, target, () -> { });
  }

  /**
   * {@link #writeSingleFile(Dataset, FlowSortOrder, FlowOutputFormat, Path)}, running {@code tasksDone} on this
   * thread once no more Spark tasks are needed: for CSV and JSON when the tasks have written their sorted runs
   * and the driver alone merges them (so that other Spark jobs, started then from another thread, can use the
   * cores), for the other formats when the file is written.
   */
  public static void writeSingleFile(Dataset<Row> flows, FlowSortOrder order, FlowOutputFormat format,
      Path target, Runnable tasksDone) {
    writeSingleFile(flows, order, format, target, null, (FlowTextFile.NoFold none) -> tasksDone.run());
  }

  /**
   * {@link #writeSingleFile(Dataset, FlowSortOrder, FlowOutputFormat, Path, Runnable)}, where for CSV and JSON
   * each task also folds the rows it writes into a fold made by {@code fold}: {@code tasksDone} gets the tasks'
   * folds merged, or null for the other formats (whose rows nothing folds).
   */
  public static <F extends WrittenRowsFold<F>> void writeSingleFile(Dataset<Row> flows, FlowSortOrder order,
      FlowOutputFormat format, Path target, Function0<F> fold, Consumer<F> tasksDone) {
    if (format != FlowOutputFormat.CSV && format != FlowOutputFormat.JSON) {
      writeSingleFile(flows.orderBy(order.columns()), format, target);
      tasksDone.accept(null);
      return;
    }
    writeBeside(target, (absolute, parts, partial) -> FlowTextFile.write(flows, order,
        format == FlowOutputFormat.JSON, absolute, parts, partial, FlowTextFile.RUN_BYTES, fold, tasksDone));
  }

  /** A write into hidden files beside the target, ending with a rename onto it. */
  private interface BesideWrite {
    void write(Path target, Path parts, Path partial) throws IOException;
  }

  private static void writeBeside(Path target, BesideWrite write) {
    Path absolute = target.toAbsolutePath();
    Path parts = HiddenSibling.of(absolute, ".parts");
    Path partial = HiddenSibling.of(absolute, ".partial");
    try {
      HiddenFiles.deletedAfter(() -> {
        deleteTree(parts);
        write.write(absolute, parts, partial);
        return absolute;
      }, () -> {
        deleteTree(parts);
        Files.deleteIfExists(partial);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path onlyPart(Path directory, FlowOutputFormat format) throws IOException {
    List<Path> parts;
    try (Stream<Path> files = Files.list(directory)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().contains(format.partSuffix())).collect(Collectors.toList());
    }
    if (parts.size() != 1) {
      throw new IllegalStateException("expected one part file in " + directory + ", found " + parts);
    }
    return parts.get(0);
  }

  private static void writeXlsx(Dataset<Row> flows, Path target) {
    try {
      XlsxExporter.export(flows, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
