package org.nexusflowmeter.pcap.spark;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.PacketRecord;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A {@code pcap} scan read by a program that takes decoded packets rather than Spark rows (the flow job): each
 * partition's records, with the scan's options and read mode, each decoded by {@link PacketDecoder} into one
 * reused {@link DecodedPacket}. What this skips is the column batch, written per column and read back per
 * column, and Spark's bookkeeping per batch; so the scan's SQL metrics are not counted. The packets are the
 * scan's: a column's value is what {@link PcapSchema} says of the record and its decoding.
 */
public final class PcapDecodedScan implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[] NO_BYTES = new byte[0];

  private final PcapPartitionReaderFactory factory;
  private final transient List<InputPartition> partitions;

  private PcapDecodedScan(PcapPartitionReaderFactory factory, List<InputPartition> partitions) {
    this.factory = factory;
    this.partitions = partitions;
  }

  /** The decoded reading of {@code plan} when it is a scan of this source, else null. */
  public static PcapDecodedScan of(SparkPlan plan) {
    if (plan instanceof BatchScanExec scan && scan.readerFactory() instanceof PcapPartitionReaderFactory factory) {
      return new PcapDecodedScan(factory, CollectionConverters.asJava(scan.inputPartitions()));
    }
    return null;
  }

  /** The scan's partitions, as Spark would read them (on the driver). */
  public List<InputPartition> partitions() {
    return partitions;
  }

  /** Opens a partition of this scan (on an executor). */
  public Reader open(InputPartition partition) {
    return new Reader(factory.createRecordSource(partition));
  }

  /** One partition's records, split by split. */
  public static final class Reader implements Closeable {
    private final PcapRecordSource source;
    private final DecodedPacket decoded = new DecodedPacket();
    private PacketRecord record;

    private Reader(PcapRecordSource source) {
      this.source = source;
    }

    /** Opens the next split and returns its file's path, or returns null when every split was read. */
    public String nextSplit() throws IOException {
      return source.nextSplit();
    }

    /**
     * Reads and decodes the open split's next record that the read mode lets through; false at the split's end.
     * The record and its decoding are valid until the next call.
     */
    public boolean nextRecord() throws IOException {
      record = source.nextRecord();
      if (record == null) {
        return false;
      }
      // a malformed record of which nothing could be read may come without a buffer
      if (record.data == null) {
        PacketDecoder.decode(NO_BYTES, 0, 0, record.linkType, decoded);
      } else {
        PacketDecoder.decode(record.data, record.dataOffset, record.capturedLength, record.linkType, decoded);
      }
      return true;
    }

    public PacketRecord record() {
      return record;
    }

    public DecodedPacket decoded() {
      return decoded;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }
}
