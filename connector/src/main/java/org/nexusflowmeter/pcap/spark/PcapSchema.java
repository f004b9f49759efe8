package org.nexusflowmeter.pcap.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The fixed schema of a pcap table and the mapping from a (pruned) schema back to its columns. */
public final class PcapSchema {
  public static final StructType SCHEMA = build();

  private static final Map<String, PcapColumn> BY_NAME = new HashMap<>();

  static {
    for (PcapColumn column : PcapColumn.values()) {
      BY_NAME.put(column.columnName, column);
    }
  }

  private PcapSchema() {}

  private static StructType build() {
    StructField[] fields = new StructField[PcapColumn.values().length];
    for (PcapColumn column : PcapColumn.values()) {
      fields[column.ordinal()] = new StructField(column.columnName, column.type, true, Metadata.empty());
    }
    return new StructType(fields);
  }

  /** The columns of a schema Spark asked for, in its order; every name must be one of {@link #SCHEMA}. */
  public static PcapColumn[] columnsOf(StructType schema) {
    StructField[] fields = schema.fields();
    PcapColumn[] columns = new PcapColumn[fields.length];
    for (int i = 0; i < fields.length; i++) {
      PcapColumn column = BY_NAME.get(fields[i].name());
      if (column == null) {
        throw new IllegalArgumentException("not a pcap column: " + fields[i].name());
      }
      columns[i] = column;
    }
    return columns;
  }
}
