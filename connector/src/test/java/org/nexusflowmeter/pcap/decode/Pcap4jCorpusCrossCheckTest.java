package org.nexusflowmeter.pcap.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/** Every frame of the shared corpus, read by the format layer, decoded by us and by pcap4j. */
class Pcap4jCorpusCrossCheckTest {

  @Test
  void oursAgreesWithPcap4jOnTheCorpus() throws IOException {
    String shared = System.getProperty("shared.dir");
    Path corpus = shared == null ? null : Path.of(shared, "corpus");
    assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve("INDEX.tsv")), "no shared corpus");

    Pcap4jComparison comparison = new Pcap4jComparison();
    int files = 0;
    List<String> rows = Files.readAllLines(corpus.resolve("INDEX.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] columns = row.split("\t"); // file, format, byte order, ...
      if (columns[1].equals("unknown")) {
        continue;
      }
      Path file = corpus.resolve(columns[0]);
      files++;
      try (LocalFileInput input = LocalFileInput.seekable(file);
          CaptureReader reader = CaptureReaders.open(input, CaptureSplit.whole(columns[0], input.length()))) {
        while (reader.next()) {
          PacketRecord r = reader.record();
          comparison.frame(columns[0], r.fileOffset, r.linkType, r.data, r.dataOffset, r.capturedLength);
        }
      }
    }

    System.out.printf("pcap4j cross-check: %d files, %d frames, %d IP packets compared (%d with TCP/UDP)%n",
        files, comparison.framesSeen, comparison.ipCompared, comparison.transportCompared);
    comparison.reasons.forEach((reason, n) -> System.out.printf("  %7d  %s%n", n, reason));
    comparison.mismatches.forEach(m -> System.out.println("  MISMATCH " + m));
    assertEquals(0, comparison.mismatchCount, String.join("\n", comparison.mismatches));
    assertTrue(comparison.ipCompared > 130_000, comparison.ipCompared + " IP packets compared");
  }
}
