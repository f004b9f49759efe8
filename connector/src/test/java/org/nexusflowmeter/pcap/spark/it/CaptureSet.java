package org.nexusflowmeter.pcap.spark.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files every integration test reads, in one local directory: the two hand-built captures, plus four
 * corpus files when the shared corpus is there (a big-endian pcap cut at snaplen 96, a pcapng with an
 * interface statistics block, and two files truncated mid-record, which must give the same error rows
 * however they are split). Each file's well-formed packet count is known up front.
 */
final class CaptureSet {
  private static final List<String> CORPUS_FILES = List.of(
      "hadoop-pcap/reversedtest.pcap",
      "nfstream/vnc.pcap",
      "derived/iphone_truncated_mid_record.pcap",
      "derived/1kxun_truncated_mid_epb.pcapng");

  final Path dir;
  /** File name → packets without a parse error (hand-built: as written; corpus: INDEX.tsv). */
  final Map<String, Long> goodPackets;

  private CaptureSet(Path dir, Map<String, Long> goodPackets) {
    this.dir = dir;
    this.goodPackets = goodPackets;
  }

  static CaptureSet write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(TrafficCaptures.writePcap(dir, 1).getFileName().toString(), (long) TrafficCaptures.PACKETS);
    counts.put(TrafficCaptures.writePcapng(dir, 2).getFileName().toString(), (long) TrafficCaptures.PACKETS);
    Path corpus = SharedCorpus.directory();
    if (corpus != null) {
      Map<String, Long> index = SharedCorpus.packetCounts();
      for (String file : CORPUS_FILES) {
        Path source = corpus.resolve(file);
        String name = file.replace('/', '_');
        Files.copy(source, dir.resolve(name));
        counts.put(name, index.get(file));
      }
    }
    return new CaptureSet(dir, counts);
  }

  long totalBytes() throws IOException {
    long total = 0;
    for (String name : goodPackets.keySet()) {
      total += Files.size(dir.resolve(name));
    }
    return total;
  }
}
