package org.nexusflowmeter.jobs.report.scan;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.unix_micros;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** A flow table column a report fold reads, and as what. */
record FoldColumn(String name, Kind kind) implements Serializable {
  /** What a fold reads a column as, from Spark's internal row. */
  enum Kind {
    /** UTF-8 text. */
    TEXT(DataTypes.StringType),
    /** A time as microseconds since 1970 (a timestamp's internal form). */
    MICROS(DataTypes.TimestampType),
    /** A double. */
    SECONDS(DataTypes.DoubleType),
    /** A long. */
    COUNT(DataTypes.LongType),
    /** A boolean. */
    FLAG(DataTypes.BooleanType);

    /** The flow table's type of such a column, which the fold reads where it is, with no conversion. */
    final DataType tableType;

    Kind(DataType tableType) {
      this.tableType = tableType;
    }
  }

  /**
   * The column as a scan selects it for the fold: converted to what the fold reads. The flow table's own types
   * convert at no cost; a hand-made table may hold, say, a decimal, whose internal form is no double.
   */
  Column selected() {
    switch (kind) {
      case MICROS:
        return unix_micros(col(name));
      case SECONDS:
        return col(name).cast("double");
      case COUNT:
        return col(name).cast("long");
      default:
        return col(name);
    }
  }
}
