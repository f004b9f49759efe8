package org.nexusflowmeter.jobs.flows;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes a flow table as one local CSV file or one JSON array. Every task formats its partition as a numbered
 * part, all in parallel; the driver then makes the file from the parts, copying bytes only:
 * <ul>
 *   <li>in the table's order: the parts one after another (a sorted table's partitions are its sorted ranges);</li>
 *   <li>in a {@link FlowSortOrder}: each task sorts its own rows and puts each row's {@link FlowSortKey} before
 *       it, and the driver merges the sorted parts. This is Spark's global sort without its sampling pass and
 *       its shuffle of every row.</li>
 * </ul>
 * Parts and the joined file are written beside the target under hidden names, so a failure leaves the target
 * as it was.
 */
final class FlowTextFile {
  private static final int FLUSH_BYTES = 1 << 16;
  private static final int STREAM_BUFFER = 1 << 16;

  private FlowTextFile() {}

  /** {@code flows} in the table's order. */
  static void write(Dataset<Row> flows, boolean json, Path target, Path parts, Path partial) throws IOException {
    FlowTextFormat format = new FlowTextFormat(flows.schema(), json);
    List<Long> rowsPerPart = writeParts(flows, format, null, parts);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), STREAM_BUFFER)) {
      Joined joined = new Joined(out, format);
      for (int i = 0; i < rowsPerPart.size(); i++) {
        if (rowsPerPart.get(i) > 0) {
          joined.separate();
          Files.copy(parts.resolve(partName(i)), out);
        }
      }
      joined.end();
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** {@code flows} in {@code order}. */
  static void write(Dataset<Row> flows, FlowSortOrder order, boolean json, Path target, Path parts, Path partial)
      throws IOException {
    FlowTextFormat format = new FlowTextFormat(flows.schema(), json);
    FlowSortKey key = new FlowSortKey(flows.schema(), order);
    List<Long> rowsPerPart = writeParts(flows.sortWithinPartitions(order.columns()), format, key, parts);
    PriorityQueue<SortedPart> heads = new PriorityQueue<>();
    List<SortedPart> open = new ArrayList<>();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), STREAM_BUFFER)) {
      for (int i = 0; i < rowsPerPart.size(); i++) {
        if (rowsPerPart.get(i) > 0) {
          SortedPart part = new SortedPart(i, parts.resolve(partName(i)));
          open.add(part);
          if (part.advance()) {
            heads.add(part);
          }
        }
      }
      Joined joined = new Joined(out, format);
      while (!heads.isEmpty()) {
        SortedPart first = heads.poll();
        joined.separate();
        out.write(first.row, 0, first.rowLength);
        if (first.advance()) {
          heads.add(first);
        }
      }
      joined.end();
    } finally {
      for (SortedPart part : open) {
        part.in.close();
      }
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Long> writeParts(Dataset<Row> flows, FlowTextFormat format, FlowSortKey key, Path parts)
      throws IOException {
    Files.createDirectories(parts);
    return SparkRows.of(flows).mapPartitionsWithIndex(new PartWriter(format, key, parts.toString()), false)
        .collect();
  }

  private static String partName(int partition) {
    return String.format("part-%05d", partition);
  }

  /** The text around the rows: the CSV header, or the JSON array's brackets and the commas between objects. */
  private static final class Joined {
    private final OutputStream out;
    private final boolean json;
    private boolean first = true;

    Joined(OutputStream out, FlowTextFormat format) throws IOException {
      this.out = out;
      this.json = format.isJson();
      out.write(json ? new byte[] {'['} : format.header());
    }

    /** Before the next part or row: JSON's line break, and comma after the first. */
    void separate() throws IOException {
      if (json) {
        out.write((first ? "\n" : ",\n").getBytes(StandardCharsets.US_ASCII));
      }
      first = false;
    }

    void end() throws IOException {
      if (json) {
        out.write("\n]\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
  }

  /** A sorted part being merged: its next row and that row's sort key. */
  private static final class SortedPart implements Comparable<SortedPart> {
    final int partition;
    final DataInputStream in;
    byte[] key = new byte[64];
    int keyLength;
    byte[] row = new byte[1024];
    int rowLength;

    SortedPart(int partition, Path file) throws IOException {
      this.partition = partition;
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), STREAM_BUFFER));
    }

    /** Reads the next row; false at the end of the part. */
    boolean advance() throws IOException {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException end) {
        return false;
      }
      keyLength = in.readInt();
      rowLength = length - keyLength;
      if (key.length < keyLength) {
        key = new byte[keyLength * 2];
      }
      if (row.length < rowLength) {
        row = new byte[rowLength * 2];
      }
      in.readFully(key, 0, keyLength);
      in.readFully(row, 0, rowLength);
      return true;
    }

    @Override
    public int compareTo(SortedPart other) {
      int order = Arrays.compareUnsigned(key, 0, keyLength, other.key, 0, other.keyLength);
      return order != 0 ? order : Integer.compare(partition, other.partition);
    }
  }

  /**
   * Writes one partition as part file {@code part-NNNNN}: rows as CSV lines or JSON objects joined by ",\n", or,
   * with a sort key, each row framed as (length, key length, key, row). A task attempt writes under its own
   * name and renames when complete, so a retried or speculative attempt never leaves half a part. Returns the
   * partition's row count.
   */
  private static final class PartWriter implements Function2<Integer, Iterator<InternalRow>, Iterator<Long>> {
    private static final long serialVersionUID = 1L;
    private final FlowTextFormat format;
    private final FlowSortKey key;
    private final String directory;

    PartWriter(FlowTextFormat format, FlowSortKey key, String directory) {
      this.format = format;
      this.key = key;
      this.directory = directory;
    }

    @Override
    public Iterator<Long> call(Integer partition, Iterator<InternalRow> rows) {
      Path dir = Path.of(directory);
      Path part = dir.resolve(partName(partition));
      TaskContext task = TaskContext.get();
      Path attempt = dir.resolve(partName(partition) + ".attempt-" + (task == null ? 0 : task.taskAttemptId()));
      long count = 0;
      TextBuffer text = new TextBuffer(FLUSH_BYTES * 2);
      try (OutputStream out = Files.newOutputStream(attempt)) {
        while (rows.hasNext()) {
          InternalRow row = rows.next();
          if (key != null) {
            appendFramed(row, text);
          } else {
            if (format.isJson() && count > 0) {
              text.append(',');
              text.append('\n');
            }
            format.append(row, text);
          }
          count++;
          if (text.length() >= FLUSH_BYTES) {
            text.writeTo(out);
            text.clear();
          }
        }
        text.writeTo(out);
        out.close();
        Files.move(attempt, part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Collections.singletonList(count).iterator();
    }

    private void appendFramed(InternalRow row, TextBuffer text) {
      int start = text.length();
      text.appendInt(0);
      text.appendInt(0);
      key.append(row, text);
      int keyLength = text.length() - start - 8;
      format.append(row, text);
      text.setInt(start, text.length() - start - 8);
      text.setInt(start + 4, keyLength);
    }
  }
}
