package org.nexusflowmeter.jobs.flows;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Packets of the {@code pcap} source in, flows out (flow spec section 4).
 *
 * <p>The data path is exact by construction: each flow packet gets its canonical key, the packets are
 * repartitioned by key (all of a key's packets meet in one task whatever the input splits were), sorted within
 * the partition by key, timestamp and file order, and the flow engine runs over each key's packets in
 * mapPartitions. A flow is therefore one row however the input was split, partitioned or spread over files, and
 * the " #2", " #3" numbering of a key's flows follows start order.
 */
public final class FlowJob {
  private FlowJob() {}

  /** The flow table of {@code packets} (a {@code spark.read().format("pcap")} Dataset, any selection of files). */
  public static Dataset<Row> flows(Dataset<Row> packets, FlowJobOptions options) {
    boolean apart = options.filesKeptApart();
    Dataset<Row> keyed = FlowPackets.keyed(packets, apart);
    StructType engineSchema = FlowColumns.engineSchema(apart);
    Dataset<Row> engineRows = keyed
        .repartition(col(FlowPackets.KEY_FILE), col(FlowPackets.KEY_PROTOCOL), col(FlowPackets.KEY_LOW),
            col(FlowPackets.KEY_HIGH))
        .sortWithinPartitions(col(FlowPackets.KEY_FILE), col(FlowPackets.KEY_PROTOCOL), col(FlowPackets.KEY_LOW),
            col(FlowPackets.KEY_HIGH), col("timestamp_ns"), col("file_path"), col("file_offset"))
        .mapPartitions(new FlowPartitionRunner(options.timeouts(), apart), Encoders.row(engineSchema));
    return engineRows.select(FlowColumns.finalColumns(engineSchema));
  }
}
