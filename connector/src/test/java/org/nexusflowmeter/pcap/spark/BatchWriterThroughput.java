package org.nexusflowmeter.pcap.spark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.types.StructType;
import org.nexusflowmeter.pcap.decode.DecodedPacket;
import org.nexusflowmeter.pcap.decode.PacketDecoder;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;

/**
 * The columnar reader's own work without Spark, in three steps: the record loop alone, with the decoder,
 * and through the batch writer with the 9 header columns of the scan benchmark (decoding included). Prints this thread's CPU
 * seconds per pass, which a busy machine disturbs less than a Spark query.
 *
 * <p>Usage: {@code BatchWriterThroughput FILE PASSES}
 */
public final class BatchWriterThroughput {
  private static final String[] HEADER_COLUMNS = {"timestamp_ns", "original_length", "src_ip", "dst_ip",
      "ip_protocol", "src_port", "dst_port", "tcp_flags", "l4_payload_length"};

  private BatchWriterThroughput() {}

  public static void main(String[] args) throws Exception {
    File file = new File(args[0]);
    PcapInputPartition partition = new PcapInputPartition(List.of(new PcapFileSplit(
        CaptureSplit.whole(file.toURI().toString(), file.length()), null, file.length())), new String[0]);
    StructType schema = new StructType();
    for (String name : HEADER_COLUMNS) {
      schema = schema.add(PcapSchema.SCHEMA.apply(name));
    }
    DecodedPacket decoded = new DecodedPacket();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < Integer.parseInt(args[1]); pass++) {
      for (String work : new String[] {"records", "decode", "batches"}) {
        boolean write = work.equals("batches");
        long start = threads.getCurrentThreadCpuTime();
        long rows = 0;
        try (PcapRecordSource source = new PcapRecordSource(partition, new Configuration(), ReadMode.PERMISSIVE);
            PcapBatchWriter writer = new PcapBatchWriter(schema, PcapReadOptions.DEFAULT_BATCH_SIZE,
                PcapReadOptions.DEFAULT_BATCH_BYTES)) {
          for (String path = source.nextSplit(); path != null; path = source.nextSplit()) {
            writer.startBatch(path);
            for (PacketRecord record = source.nextRecord(); record != null; record = source.nextRecord()) {
              if (write) {
                if (writer.isFull()) {
                  rows += writer.batch().numRows();
                  writer.startBatch(path);
                }
                writer.write(record);
              } else {
                if (work.equals("decode")) {
                  PacketDecoder.decode(record.data, record.dataOffset, record.capturedLength, record.linkType,
                      decoded);
                }
                rows++;
              }
            }
            rows += writer.batch().numRows();
          }
        }
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        System.out.printf("%s rows=%d cpu_s=%.3f packets_per_cpu_s=%.2fM%n", work,
            rows, seconds, rows / seconds / 1e6);
      }
    }
  }
}
