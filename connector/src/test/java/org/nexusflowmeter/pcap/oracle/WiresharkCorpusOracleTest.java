package org.nexusflowmeter.pcap.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nexusflowmeter.pcap.format.CaptureReader;
import org.nexusflowmeter.pcap.format.CaptureReaders;
import org.nexusflowmeter.pcap.format.CaptureSplit;
import org.nexusflowmeter.pcap.format.PacketRecord;
import org.nexusflowmeter.pcap.testutil.LocalFileInput;

/**
 * Per-file packet counts and summed wire lengths of the whole corpus against Wireshark's own readers.
 *
 * <p>capinfos (wiretap, the library tshark reads captures with) gives the packet count and the summed
 * original lengths of every file it can open, in one process. tshark itself gives frame.len per frame for
 * a fixed sample of the files. Both count what we count: complete packet records, a truncated last
 * record excluded. Where Wireshark counts differently, the test says how, rather than hiding it.
 */
class WiresharkCorpusOracleTest {
  private static final int LINKTYPE_SUNATM = 123;
  private static final int SUNATM_PSEUDO_HEADER = 4;
  private static Path corpus;
  private static List<String> files;

  @BeforeAll
  static void locateCorpus() throws IOException {
    corpus = Path.of(System.getProperty("shared.dir", "../shared"), "corpus");
    assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
    try (Stream<Path> walk = Files.walk(corpus)) {
      files = walk.filter(Files::isRegularFile)
          .map(p -> corpus.relativize(p).toString())
          .filter(CorpusFiles::isCapture)
          .sorted()
          .collect(Collectors.toList());
    }
    assertEquals(1206, files.size(), "corpus files");
  }

  @Test
  void packetCountsAndWireBytesEqualCapinfos() throws Exception {
    assumeTrue(Tools.onPath("capinfos"), "capinfos (wireshark-common) is not installed");
    List<String> command = new ArrayList<>(List.of("capinfos", "-T", "-r", "-c", "-d", "-M"));
    command.addAll(files);
    Map<String, long[]> theirs = new LinkedHashMap<>();
    for (String line : Tools.run(corpus, command)) {
      String[] f = line.split("\t");
      theirs.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
    }
    // capinfos prints nothing for the files wiretap refuses (unknown link types, SHB version 2.0,
    // absurd caplen, no header); it reads every other one.
    assertTrue(theirs.size() >= 1180, "capinfos read only " + theirs.size() + " files");
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<String, long[]> e : theirs.entrySet()) {
      long[] ours = countOurs(corpus.resolve(e.getKey()));
      if (ours[0] != e.getValue()[0] || ours[1] != e.getValue()[1]) {
        mismatches.add(e.getKey() + ": ours " + ours[0] + " packets / " + ours[1] + " bytes, capinfos "
            + e.getValue()[0] + " / " + e.getValue()[1]);
      }
    }
    assertEquals(List.of(), mismatches);
  }

  /**
   * tshark's own per-frame lengths on every twentieth file (tshark needs from 0.25 s to 1 s a file).
   * tshark also shows pcapng custom blocks as frames, which are not packets: they are left out by their
   * missing encapsulation.
   */
  @Test
  void wireLengthsEqualTsharkOnASample() throws Exception {
    assumeTrue(Tools.onPath("tshark"), "tshark is not installed");
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < files.size(); i += 20) {
      sample.add(files.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Map<String, Future<List<String>>> runs = new LinkedHashMap<>();
      for (String file : sample) {
        runs.put(file, pool.submit(() -> Tools.runQuietly(corpus,
            List.of("tshark", "-r", file, "-T", "fields", "-e", "frame.len", "-e", "frame.encap_type"))));
      }
      List<String> mismatches = new ArrayList<>();
      int compared = 0;
      for (Map.Entry<String, Future<List<String>>> run : runs.entrySet()) {
        List<String> lines = run.getValue().get();
        if (lines == null) {
          continue; // tshark refused the file: the capinfos test lists which ones
        }
        long packets = 0;
        long bytes = 0;
        for (String line : lines) {
          String[] f = line.split("\t", -1);
          if (f.length < 2 || f[1].isEmpty()) {
            continue; // a record with no link encapsulation (a custom block): not a packet
          }
          packets++;
          bytes += Long.parseLong(f[0]);
        }
        long[] ours = countOurs(corpus.resolve(run.getKey()));
        // tshark clamps frame.len to a signed 32-bit value; wiretap and we keep the u32 from the file
        boolean clamped = bytes >= Integer.MAX_VALUE && ours[1] > Integer.MAX_VALUE;
        if (ours[0] != packets || (ours[1] != bytes && !clamped)) {
          mismatches.add(run.getKey() + ": ours " + ours[0] + "/" + ours[1] + ", tshark " + packets + "/" + bytes);
        }
        compared++;
      }
      assertTrue(compared >= 55, "tshark compared only " + compared + " files");
      assertEquals(List.of(), mismatches);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Packets (records without error) and their summed original lengths, read whole and sequentially, as
   * wiretap reports them: wiretap strips the 4-byte SunATM pseudo-header (LINKTYPE_SUNATM, 123) from
   * every packet's lengths, which the capture file and we count as part of the frame.
   */
  private static long[] countOurs(Path file) throws IOException {
    long packets = 0;
    long bytes = 0;
    try (LocalFileInput input = LocalFileInput.seekable(file);
        CaptureReader reader = CaptureReaders.open(input, CaptureSplit.whole(file.toString(), input.length()))) {
      while (reader.next()) {
        PacketRecord r = reader.record();
        if (r.error == null) {
          packets++;
          bytes += r.linkType == LINKTYPE_SUNATM ? r.originalLength - SUNATM_PSEUDO_HEADER : r.originalLength;
        }
      }
    }
    return new long[] {packets, bytes};
  }

  /** External tools, run with a bounded wait. */
  static final class Tools {
    static boolean onPath(String tool) {
      return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    static List<String> run(Path dir, List<String> command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      List<String> lines;
      try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
        lines = reader.lines().collect(Collectors.toList());
      }
      p.waitFor();
      return lines;
    }

    /** The output lines, or null when the tool failed on the file. */
    static List<String> runQuietly(Path dir, List<String> command) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      List<String> lines;
      try (var reader = p.inputReader(StandardCharsets.UTF_8)) {
        lines = reader.lines().collect(Collectors.toList());
      }
      return p.waitFor() == 0 ? lines : null;
    }
  }
}
