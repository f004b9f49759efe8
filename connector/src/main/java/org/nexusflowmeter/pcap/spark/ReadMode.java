package org.nexusflowmeter.pcap.spark;

import java.util.Locale;

/** What a read does with a malformed record, named as Spark's CSV and JSON sources name it. */
public enum ReadMode {
  /** A row with parse_error set and whatever could be read; reading goes on. */
  PERMISSIVE,
  /** The record is skipped. */
  DROPMALFORMED,
  /** The read fails with the record's error, which names the file and the byte offset. */
  FAILFAST;

  public static ReadMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option mode must be PERMISSIVE, DROPMALFORMED or FAILFAST, not '" + value + "'", e);
    }
  }
}
