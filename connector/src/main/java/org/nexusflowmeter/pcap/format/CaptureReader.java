package org.nexusflowmeter.pcap.format;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads the records of one {@link CaptureSplit}: every record whose first byte lies in
 * [split.start, split.end), reading past end to finish the last one.
 */
public interface CaptureReader extends Closeable {
  /** Advances to the next record owned by the split; false when there is none. */
  boolean next() throws IOException;

  /** The current record, refilled by each {@link #next()}. */
  PacketRecord record();
}
