package org.nexusflowmeter.jobs.flows;

import java.util.Locale;

/** The output formats of the flow job. XLSX is written on the driver, the others by Spark's own writers. */
enum FlowOutputFormat {
  CSV, JSON, PARQUET, XLSX;

  static FlowOutputFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown output format " + name + " (csv, json, parquet or xlsx)");
    }
  }

  /** The extension Spark gives a part file of this format. */
  String partSuffix() {
    switch (this) {
      case CSV:
        return ".csv";
      case JSON:
        return ".json";
      case PARQUET:
        return ".parquet";
      default:
        throw new IllegalStateException(this + " has no Spark part files");
    }
  }
}
