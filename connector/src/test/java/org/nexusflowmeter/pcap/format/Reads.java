package org.nexusflowmeter.pcap.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/** Reading a whole file, or a file split by split, into {@link ReadRecord} lists. */
final class Reads {
  private Reads() {}

  /** A sequential read of the whole file through a seekable input. */
  static List<ReadRecord> whole(Path file) throws IOException {
    return split(file, CaptureSplit.whole(file.toString(), Files.size(file)));
  }

  /** A sequential read through a forward-only stream of unknown length. */
  static List<ReadRecord> streamed(Path file) throws IOException {
    try (CaptureInput input = LocalFileInput.stream(file)) {
      return drain(CaptureReaders.open(input, CaptureSplit.whole(file.toString(), -1)));
    }
  }

  static List<ReadRecord> split(Path file, CaptureSplit split) throws IOException {
    try (CaptureInput input = LocalFileInput.seekable(file)) {
      return drain(CaptureReaders.open(input, split));
    }
  }

  /** The concatenated reads of the splits. */
  static List<ReadRecord> splits(Path file, List<CaptureSplit> splits) throws IOException {
    List<ReadRecord> all = new ArrayList<>();
    for (CaptureSplit s : splits) {
      all.addAll(split(file, s));
    }
    return all;
  }

  static List<CaptureSplit> plan(Path file, long splitSize) throws IOException {
    return CaptureReaders.plan(file.toString(), Files.size(file), splitSize, () -> LocalFileInput.seekable(file));
  }

  private static List<ReadRecord> drain(CaptureReader reader) throws IOException {
    List<ReadRecord> out = new ArrayList<>();
    try (reader) {
      while (reader.next()) {
        out.add(ReadRecord.of(reader.record()));
      }
    }
    return out;
  }
}
