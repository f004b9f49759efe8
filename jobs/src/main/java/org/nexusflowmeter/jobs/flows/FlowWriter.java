package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.nexusflowmeter.jobs.export.XlsxExporter;

/**
 * Writes a flow table. Text formats write times as ISO-8601 UTC with microseconds
 * ({@code 2026-11-26T23:15:04.123456Z}) whatever the session time zone, and JSON keeps null fields as
 * {@code null} (flow spec section 4).
 */
final class FlowWriter {
  private static final String TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  private FlowWriter() {}

  /** Writes {@code flows} as a directory of part files at {@code path} (any Hadoop scheme), replacing it. */
  static void writeDirectory(Dataset<Row> flows, FlowOutputFormat format, String path) {
    if (format == FlowOutputFormat.XLSX) {
      writeXlsx(flows, Path.of(path));
      return;
    }
    DataFrameWriter<Row> writer = flows.write().mode(SaveMode.Overwrite);
    switch (format) {
      case CSV:
        writer.option("header", "true").option("timeZone", "UTC").option("timestampFormat", TIMESTAMP_FORMAT)
            .csv(path);
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
   * Writes {@code flows}, ordered by start time then flow id, as exactly the local file {@code target}: Spark
   * writes one part into a temporary directory beside the target, which is then moved onto the target in one
   * rename, so the target is either the old file or the whole new one.
   */
  static void writeSingleFile(Dataset<Row> flows, FlowOutputFormat format, Path target) {
    Dataset<Row> ordered = flows.orderBy(FlowColumns.START_TIME, "flow_id");
    if (format == FlowOutputFormat.XLSX) {
      writeXlsx(ordered, target);
      return;
    }
    Path absolute = target.toAbsolutePath();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".parts");
    try {
      deleteTree(temporary);
      writeDirectory(ordered.coalesce(1), format, temporary.toUri().toString());
      List<Path> parts;
      try (Stream<Path> files = Files.list(temporary)) {
        parts = files.filter(p -> p.getFileName().toString().startsWith("part-")
            && p.getFileName().toString().contains(format.partSuffix())).collect(Collectors.toList());
      }
      if (parts.size() != 1) {
        throw new IllegalStateException("expected one part file in " + temporary + ", found " + parts);
      }
      Files.move(parts.get(0), absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        deleteTree(temporary);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
