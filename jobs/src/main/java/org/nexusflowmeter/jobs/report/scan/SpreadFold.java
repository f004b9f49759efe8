package org.nexusflowmeter.jobs.report.scan;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;

/**
 * The second pass's fold of one partition: the timeline (which needs the table's first and last microsecond,
 * known only after the summary pass) and the median search's next step, both over the columns
 * {@link FlowTableScan} selects for it, in the order of the constants below. Either part may be absent.
 */
final class SpreadFold implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int DURATION = 0;
  /** The timeline's columns, only when there is a timeline. */
  static final int START_MICROS = 1;
  static final int END_MICROS = 2;
  static final int PACKETS = 3;
  static final int BYTES = 4;

  final TimelineSums timeline;
  final RankStep durations;

  SpreadFold(TimelineSums timeline, RankStep durations) {
    this.timeline = timeline;
    this.durations = durations;
  }

  void add(InternalRow row) {
    if (durations != null) {
      durations.add(row.getDouble(DURATION));
    }
    if (timeline != null) {
      timeline.add(row.getLong(START_MICROS), row.getLong(END_MICROS), row.getLong(PACKETS), row.getLong(BYTES));
    }
  }

  SpreadFold merge(SpreadFold other) {
    if (durations != null) {
      durations.merge(other.durations);
    }
    if (timeline != null) {
      timeline.merge(other.timeline);
    }
    return this;
  }
}
