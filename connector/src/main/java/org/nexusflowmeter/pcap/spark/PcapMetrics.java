package org.nexusflowmeter.pcap.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * The scan's custom metrics, summed over tasks and shown on the scan node in the Spark UI. They show what
 * column pruning saved: a count or a header-only select decodes nothing and copies no frame bytes.
 * Spark instantiates the metric classes by name on the driver, hence public classes with no-arg constructors.
 */
public final class PcapMetrics {
  public static final String PACKETS_READ = "packetsRead";
  public static final String PACKETS_DECODED = "packetsDecoded";
  public static final String DATA_BYTES_COPIED = "dataBytesCopied";
  public static final String MALFORMED_RECORDS = "malformedRecords";

  private PcapMetrics() {}

  static CustomMetric[] all() {
    return new CustomMetric[] {
        new PacketsRead(), new PacketsDecoded(), new DataBytesCopied(), new MalformedRecords()};
  }

  public static final class PacketsRead extends CustomSumMetric {
    @Override
    public String name() {
      return PACKETS_READ;
    }

    @Override
    public String description() {
      return "packets read";
    }
  }

  public static final class PacketsDecoded extends CustomSumMetric {
    @Override
    public String name() {
      return PACKETS_DECODED;
    }

    @Override
    public String description() {
      return "packets decoded";
    }
  }

  public static final class DataBytesCopied extends CustomSumMetric {
    @Override
    public String name() {
      return DATA_BYTES_COPIED;
    }

    @Override
    public String description() {
      return "data bytes copied";
    }
  }

  public static final class MalformedRecords extends CustomSumMetric {
    @Override
    public String name() {
      return MALFORMED_RECORDS;
    }

    @Override
    public String description() {
      return "malformed records";
    }
  }

  /** One task's running values of the four metrics, as both readers report them. */
  static final class TaskValues {
    private final TaskValue packetsRead = new TaskValue(PACKETS_READ);
    private final TaskValue packetsDecoded = new TaskValue(PACKETS_DECODED);
    private final TaskValue dataBytesCopied = new TaskValue(DATA_BYTES_COPIED);
    private final TaskValue malformedRecords = new TaskValue(MALFORMED_RECORDS);
    private final CustomTaskMetric[] values = {packetsRead, packetsDecoded, dataBytesCopied, malformedRecords};

    /** Sets the values from the counters and hands out the same array, as Spark polls it every few rows. */
    CustomTaskMetric[] update(PcapRecordSource source, long decoded, long bytesCopied) {
      packetsRead.value = source.packetsRead;
      malformedRecords.value = source.malformedRecords;
      packetsDecoded.value = decoded;
      dataBytesCopied.value = bytesCopied;
      return values;
    }
  }

  /** One task's running value of a metric; updated in place, the same object handed out each time. */
  private static final class TaskValue implements CustomTaskMetric {
    private final String name;
    private long value;

    TaskValue(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long value() {
      return value;
    }
  }
}
