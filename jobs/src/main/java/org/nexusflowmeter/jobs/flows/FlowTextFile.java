package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * Writes an ordered flow table as one local CSV file or one JSON array. Every task writes its partition's rows as
 * a numbered part, all in parallel; the driver then joins the parts in partition order (a sorted table's
 * partitions are its sorted ranges, in order), copying bytes only. Parts and the joined file are written beside
 * the target under hidden names, so a failure leaves the target as it was.
 */
final class FlowTextFile {
  private static final int FLUSH_BYTES = 1 << 16;

  private FlowTextFile() {}

  static void write(Dataset<Row> flows, boolean json, Path target, Path parts, Path partial) throws IOException {
    FlowTextFormat format = new FlowTextFormat(flows.schema(), json);
    Files.createDirectories(parts);
    List<Long> rowsPerPart = flows.queryExecution().toRdd().toJavaRDD()
        .mapPartitionsWithIndex(new PartWriter(format, parts.toString()), false).collect();
    try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      write(out, json ? new byte[] {'['} : format.header());
      boolean first = true;
      for (int i = 0; i < rowsPerPart.size(); i++) {
        if (rowsPerPart.get(i) == 0) {
          continue;
        }
        if (json) {
          write(out, (first ? "\n" : ",\n").getBytes(StandardCharsets.US_ASCII));
        }
        first = false;
        append(out, parts.resolve(partName(i)));
      }
      if (json) {
        write(out, "\n]\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String partName(int partition) {
    return String.format("part-%05d", partition);
  }

  private static void write(FileChannel out, byte[] bytes) throws IOException {
    out.write(ByteBuffer.wrap(bytes));
  }

  private static void append(FileChannel out, Path part) throws IOException {
    try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
      long size = in.size();
      for (long done = 0; done < size; ) {
        done += in.transferTo(done, size - done, out);
      }
    }
  }

  /**
   * Writes one partition as part file {@code part-NNNNN}: CSV lines, or JSON objects joined by ",\n". A task
   * attempt writes under its own name and renames when complete, so a retried or speculative attempt never
   * leaves half a part. Returns the partition's row count.
   */
  private static final class PartWriter implements Function2<Integer, Iterator<InternalRow>, Iterator<Long>> {
    private static final long serialVersionUID = 1L;
    private final FlowTextFormat format;
    private final String directory;

    PartWriter(FlowTextFormat format, String directory) {
      this.format = format;
      this.directory = directory;
    }

    @Override
    public Iterator<Long> call(Integer partition, Iterator<InternalRow> rows) {
      Path dir = Path.of(directory);
      Path part = dir.resolve(partName(partition));
      TaskContext task = TaskContext.get();
      Path attempt = dir.resolve(partName(partition) + ".attempt-" + (task == null ? 0 : task.taskAttemptId()));
      boolean json = format.isJson();
      long count = 0;
      TextBuffer text = new TextBuffer(FLUSH_BYTES * 2);
      try (OutputStream out = Files.newOutputStream(attempt)) {
        while (rows.hasNext()) {
          if (json && count > 0) {
            text.append(',');
            text.append('\n');
          }
          format.append(rows.next(), text);
          count++;
          if (text.length() >= FLUSH_BYTES) {
            text.writeTo(out);
            text.clear();
          }
        }
        text.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Files.move(attempt, part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Collections.singletonList(count).iterator();
    }
  }
}
