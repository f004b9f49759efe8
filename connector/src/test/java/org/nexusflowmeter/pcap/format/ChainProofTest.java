package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * The classic pcap sync proof on its own, without the sequential fallback that hides its verdicts in
 * split reads: on real captures each verdict is either undecided or exactly the first record the
 * sequential read has at or after the start, and it decides for most starts.
 */
class ChainProofTest {
  @Test
  void verdictsOnCorpusCapturesAreRightAndMostlyDecisive() throws IOException {
    Random random = new Random(7);
    int decided = 0;
    int undecided = 0;
    for (Path file : Corpus.files()) {
      long length = Files.size(file);
      try (CaptureInput input = LocalFileInput.seekable(file)) {
        InputWindow window = new InputWindow(input, 0);
        if (window.require(0, 24) < 24 || !PcapFileHeader.isMagic(Bytes.i32(window.bytes, 0, true))) {
          continue;
        }
        PcapChainProof proof = new PcapChainProof(window, PcapFileHeader.parse(window.bytes, 0));
        long min = 24 + proof.backReach + 1;
        if (length <= min) {
          continue;
        }
        List<ReadRecord> sequential = Reads.whole(file);
        for (int k = 0; k < 10; k++) {
          long start = min + (long) (random.nextDouble() * (length - min));
          long verdict = proof.sync(start);
          if (verdict == PcapChainProof.UNDECIDED) {
            undecided++;
            continue;
          }
          long expected = sequential.stream().mapToLong(ReadRecord::fileOffset).filter(o -> o >= start)
              .findFirst().orElse(PcapChainProof.NONE);
          assertEquals(expected, verdict == length ? PcapChainProof.NONE : verdict, file + " start " + start);
          decided++;
        }
      }
    }
    assertTrue(decided > 250 && undecided < decided / 5, decided + " decided, " + undecided + " undecided");
  }
}
