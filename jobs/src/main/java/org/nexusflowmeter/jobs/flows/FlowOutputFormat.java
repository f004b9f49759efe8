package org.nexusflowmeter.jobs.flows;

import java.util.Locale;

/** The output formats of the flow job. XLSX is written on the driver, the others by the tasks. */
public enum FlowOutputFormat {
  CSV, JSON, PARQUET, XLSX;

  /** The format named {@code name} in any letter case; the message lists the valid names otherwise. */
  public static FlowOutputFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown output format '" + name + "' (valid: csv, json, parquet, xlsx)");
    }
  }

  /** The file name extension of this format, without the dot ({@code csv}, {@code xlsx}, ...). */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The extension Spark gives a part file of this format. */
  String partSuffix() {
    if (this == XLSX) {
      throw new IllegalStateException(this + " has no Spark part files");
    }
    return "." + extension();
  }
}
