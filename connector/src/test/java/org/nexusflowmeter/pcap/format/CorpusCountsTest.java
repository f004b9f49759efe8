package org.nexusflowmeter.pcap.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packet counts of the real captures against INDEX.tsv (counted there by tshark/capinfos). */
class CorpusCountsTest {
  @Test
  void everyCleanCaptureHasExactlyItsIndexedPacketsAndNoErrors() throws IOException {
    Path root = Corpus.dir();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Corpus.Entry e : Corpus.index().values()) {
      if (e.wiresharkError() || !(e.format().equals("pcap") || e.format().equals("pcapng"))) {
        continue;
      }
      List<ReadRecord> records = Reads.whole(root.resolve(e.file()));
      long ok = records.stream().filter(ReadRecord::ok).count();
      if (ok != e.packets() || ok != records.size()) {
        wrong.add(e.file() + ": " + ok + " packets, " + (records.size() - ok) + " errors, index says " + e.packets()
            + (ok != records.size() ? " first error: " + records.stream().filter(r -> !r.ok()).findFirst().get() : ""));
      }
      checked++;
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked > 1100, "only " + checked + " corpus files checked");
  }

  /**
   * The captures tshark calls damaged or cannot decode, each with what the reader gives and why: good
   * records (ok), error records, and the start of the (single) error message.
   */
  private static final Map<String, String> DAMAGED = Map.ofEntries(
      // SHB version 2.0, which tshark refuses; the blocks are sound and the version is not checked
      Map.entry("debian/golang-github-gopacket-gopacket-dev/be_test901.pcapng", "3 0"),
      Map.entry("debian/golang-github-gopacket-gopacket-dev/le_test901.pcapng", "3 0"),
      // record 2 claims 16896 bytes, 8756 are there
      Map.entry("debian/pcapfix/test_damaged.pcap", "1 1 record data cut by end of file: 8756 of 16896 bytes at offset 114 "),
      Map.entry("debian/pcapfix/test_without_pcap_header.pcap", "0 1 not a pcap or pcapng file: magic 00000000 at offset 0 "),
      Map.entry("debian/python3-dpkt/truncated_dns_2.pcap", "1 1 record header cut by end of file: 7 of 16 bytes at offset 240 "),
      Map.entry("derived/1kxun_truncated_mid_epb.pcapng", "199 1 block type 0x6 cut by end of file: 674 of 1348 bytes at offset 100256 "),
      // records 1..49, the bogus record 50, then resync recovers records 51..500
      Map.entry("derived/iphone_corrupt_caplen_rec50.pcap", "499 1 record caplen 2147483647 above the limit 262144 at offset 13606 "),
      Map.entry("derived/iphone_trailing_garbage.pcap", "500 1 record header cut by end of file: 7 of 16 bytes at offset 229926 "),
      Map.entry("derived/iphone_truncated_mid_rechdr.pcap", "99 1 record header cut by end of file: 7 of 16 bytes at offset 28426 "),
      Map.entry("derived/iphone_truncated_mid_record.pcap", "99 1 record data cut by end of file: 33 of 66 bytes at offset 28426 "),
      Map.entry("derived/truncated_global_header.pcap", "0 1 file too short for a capture header: 10 bytes: "),
      Map.entry("derived/zero_length_file.pcap", "0 1 file too short for a capture header: 0 bytes: "));

  @Test
  void damagedCaptures() throws IOException {
    Path root = Corpus.dir();
    List<String> wrong = new ArrayList<>();
    for (Corpus.Entry e : Corpus.index().values()) {
      if (!e.wiresharkError() && !e.format().equals("unknown")) {
        continue;
      }
      List<ReadRecord> records = Reads.whole(root.resolve(e.file()));
      long ok = records.stream().filter(ReadRecord::ok).count();
      List<String> errors = records.stream().filter(r -> !r.ok()).map(ReadRecord::error).toList();
      // the rest are link types tshark does not know: the container is fine
      String expected = DAMAGED.getOrDefault(e.file(), e.packets() + " 0");
      String got = ok + " " + errors.size() + (errors.isEmpty() ? "" : " " + errors.get(0));
      if (!(got.startsWith(expected) && (errors.isEmpty() || got.endsWith(root.resolve(e.file()).toString())))) {
        wrong.add(e.file() + ": expected " + expected + " got " + got);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void resyncAfterTheCorruptCaplenRecoversTheOriginalRecords() throws IOException {
    Path root = Corpus.dir();
    List<ReadRecord> original = Reads.whole(root.resolve("nfstream/iphone.pcap"));
    List<ReadRecord> corrupt = Reads.whole(root.resolve("derived/iphone_corrupt_caplen_rec50.pcap"));
    List<ReadRecord> cut = Reads.whole(root.resolve("derived/iphone_truncated_mid_record.pcap"));
    assertEquals(500, original.size());
    assertEquals(500, corrupt.size());
    assertEquals(original.get(49).fileOffset(), corrupt.get(49).fileOffset());
    for (int i = 0; i < 500; i++) {
      if (i != 49) {
        assertEquals(original.get(i), corrupt.get(i), "record " + (i + 1));
      }
    }
    assertEquals(original.subList(0, 99), cut.subList(0, 99));
    assertEquals(original.get(99).fileOffset(), cut.get(99).fileOffset());
  }
}
