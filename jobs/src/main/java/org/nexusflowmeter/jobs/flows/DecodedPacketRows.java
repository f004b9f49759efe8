package org.nexusflowmeter.jobs.flows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.unsafe.types.UTF8String;
import org.nexusflowmeter.pcap.spark.PcapDecodedScan;
import scala.Tuple2;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;

/**
 * The flow job's packet fields of a plain {@code pcap} scan, read and decoded in the tasks without Spark's column
 * batches ({@link PcapDecodedScan}): one task per partition of the scan, placed where the scan would place it,
 * each record a {@link DecodedPacketRow} view.
 */
final class DecodedPacketRows {
  private DecodedPacketRows() {}

  static JavaRDD<InternalRow> of(SparkContext spark, PcapDecodedScan scan) {
    List<Tuple2<InputPartition, Seq<String>>> placed = new ArrayList<>();
    for (InputPartition partition : scan.partitions()) {
      placed.add(new Tuple2<>(partition,
          CollectionConverters.asScala(Arrays.asList(partition.preferredLocations())).toSeq()));
    }
    return spark.makeRDD(CollectionConverters.asScala(placed).toSeq(), ClassTag.apply(InputPartition.class))
        .toJavaRDD()
        .mapPartitions(partitions -> new Rows(scan, partitions));
  }

  /** The records of the task's partitions, split by split. */
  private static final class Rows implements Iterator<InternalRow> {
    private final PcapDecodedScan scan;
    private final Iterator<InputPartition> partitions;
    private final DecodedPacketRow row = new DecodedPacketRow();
    private PcapDecodedScan.Reader reader;
    private UTF8String path;
    private boolean ready;

    Rows(PcapDecodedScan scan, Iterator<InputPartition> partitions) {
      this.scan = scan;
      this.partitions = partitions;
    }

    @Override
    public boolean hasNext() {
      try {
        while (!ready) {
          if (reader == null) {
            if (!partitions.hasNext()) {
              return false;
            }
            open(partitions.next());
          }
          if (path == null) {
            String split = reader.nextSplit();
            if (split == null) {
              reader.close();
              reader = null;
              continue;
            }
            path = UTF8String.fromString(split);
          }
          if (reader.nextRecord()) {
            row.show(path, reader.record(), reader.decoded());
            ready = true;
          } else {
            path = null;
          }
        }
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ready = false;
      return row;
    }

    private void open(InputPartition partition) {
      PcapDecodedScan.Reader opened = scan.open(partition);
      reader = opened;
      TaskContext task = TaskContext.get();
      if (task != null) {
        // a task that stops early or fails still closes its file
        task.addTaskCompletionListener(context -> {
          try {
            opened.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}
