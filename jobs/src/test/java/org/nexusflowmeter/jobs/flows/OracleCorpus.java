package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/**
 * What the flow oracle tests share: where the corpus and the oracle scripts are (the test skips without
 * them or without tshark), which corpus files they compare, the flow job run once over all of them, and the
 * oracle scripts run per file in the background.
 */
final class OracleCorpus {
  /** oracle/README.md section 3: "622 agree exactly" of the 653 files in corpus_crosscheck.tsv. */
  static final int AGREEING_FILES = 622;
  static final int CROSSCHECKED_FILES = 653;

  /**
   * The oracle scripts are the Debian tools the oracle README names; a version manager's shim in front of
   * python3 on the PATH costs 0.35 s per process here, as much as tshark's start.
   */
  private static final String ORACLE_PATH = "/usr/bin:/bin";

  private OracleCorpus() {}

  /**
   * The shared folder, or the test is skipped when it lacks the corpus, the given oracle script, tshark or the
   * python3 the scripts run on ({@link #ORACLE_PATH}).
   */
  static Path sharedOrSkip(String oracleScript) {
    Path shared = Path.of(System.getProperty("shared.dir", "../../shared")).toAbsolutePath().normalize();
    Assumptions.assumeTrue(Files.isDirectory(shared.resolve("corpus"))
        && Files.isRegularFile(shared.resolve("oracle").resolve(oracleScript))
        && Files.isRegularFile(crosscheck(shared)), "no corpus or oracle under " + shared);
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark missing");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 missing from /usr/bin");
    return shared;
  }

  private static Path crosscheck(Path shared) {
    return shared.resolve("oracle").resolve("corpus_crosscheck.tsv");
  }

  /**
   * Every corpus file of corpus_crosscheck.tsv whose {@code agree} column is {@code yes}: where tshark's
   * conversations and flows_from_fields.py (no timeout) agree per TCP/UDP 5-tuple.
   */
  static List<Path> agreeingFiles(Path shared) throws IOException {
    List<Path> files = crosschecked(shared, true);
    assertEquals(AGREEING_FILES, files.size(), "agreeing files in corpus_crosscheck.tsv (oracle README: 622)");
    return files;
  }

  /** Every corpus file of corpus_crosscheck.tsv, agreeing or not. */
  static List<Path> crosscheckedFiles(Path shared) throws IOException {
    List<Path> files = crosschecked(shared, false);
    assertEquals(CROSSCHECKED_FILES, files.size(), "files in corpus_crosscheck.tsv (oracle README: 653)");
    return files;
  }

  private static List<Path> crosschecked(Path shared, boolean agreeingOnly) throws IOException {
    List<String> lines = Files.readAllLines(crosscheck(shared), StandardCharsets.UTF_8);
    assertEquals("file\tagree\tconv_vs_flows_notimeout", lines.get(0), "corpus_crosscheck.tsv header");
    List<Path> files = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split("\t");
      if (!agreeingOnly || c[1].equals("yes")) {
        files.add(shared.resolve("corpus").resolve(c[0]));
      }
    }
    return files;
  }

  /**
   * Why a file's flows differ from the oracles, where the reason is the same for both tests: the pcap source
   * and tshark read the capture differently. Files are named relative to the corpus.
   */
  private static final String SIMPLE_PACKET_BLOCKS = "pcapng simple packet blocks have no timestamp: the flow job leaves"
      + " such records out of flows (run summary: untimed), tshark counts them (the fields oracle gives them the"
      + " previous frame's time, 0 at the start)";
  private static final String SECTION_VERSION_2 = "a later pcapng section header says version 2.0: tshark stops there,"
      + " the pcap source reads that section's packets too";
  private static final String RESYNC_AFTER_BAD_CAPLEN = "record 50's captured length is corrupt: tshark stops there, the"
      + " pcap source resyncs at the next record it can prove and reads the rest of the capture";
  static final String MACSEC = "MACsec (EtherType 0x88E5) with clear payload: tshark reads the IP packet inside,"
      + " the pcap source does not decode MACsec";

  /** Link types tshark decodes and the pcap source does not (README "What is read and decoded"). */
  static String undecodedLinkType(String linkType) {
    return "link type " + linkType + " is not decoded by the pcap source, tshark reads the IP packets in it";
  }

  /**
   * The files where the pcap source reads what tshark does not, which both oracles differ on for the same
   * reason: pcapng simple packet blocks (no timestamp), a section of version 2.0, a record resynced after a
   * corrupt captured length. A sorted map of file to reason, for a test to add its own to.
   */
  static Map<String, String> readerDifferences(Path shared) throws IOException {
    Map<String, String> differences = new TreeMap<>();
    because(differences, SIMPLE_PACKET_BLOCKS, filesWithSimplePacketBlocks(shared).toArray(String[]::new));
    because(differences, SECTION_VERSION_2, "debian/golang-github-gopacket-gopacket-dev/be_test901.pcapng",
        "debian/golang-github-gopacket-gopacket-dev/le_test901.pcapng");
    because(differences, RESYNC_AFTER_BAD_CAPLEN, "derived/iphone_corrupt_caplen_rec50.pcap");
    return differences;
  }

  /** Adds each file with the reason. */
  static void because(Map<String, String> differences, String reason, String... files) {
    for (String file : files) {
      differences.put(file, reason);
    }
  }

  /** The corpus files whose INDEX.tsv notes count pcapng simple packet blocks. */
  static List<String> filesWithSimplePacketBlocks(Path shared) throws IOException {
    List<String> files = new ArrayList<>();
    for (String line : Files.readAllLines(shared.resolve("corpus").resolve("INDEX.tsv"), StandardCharsets.UTF_8)) {
      String[] c = line.split("\t");
      if (c.length > 6 && c[6].matches(".*blocks:([A-Z_]+=\\d+,)*SPB=.*")) {
        files.add(c[0]);
      }
    }
    return files;
  }

  /**
   * The flow job's rows for every file, each file its own capture, as {@code columns} (after a {@code where}).
   * One Spark job reads many files; since {@code source_file} is the file's name, files that share a name go
   * to separate jobs.
   */
  static Map<Path, List<Row>> flowsByFile(SparkSession spark, List<Path> files, FlowJobOptions options,
      String where, String... columns) {
    Map<Path, List<Row>> flows = new LinkedHashMap<>();
    for (List<Path> group : withDistinctNames(files)) {
      Map<String, Path> byName = new HashMap<>();
      for (Path file : group) {
        byName.put(file.getFileName().toString(), file);
        flows.put(file, new ArrayList<>());
      }
      Dataset<Row> packets =
          spark.read().format("pcap").load(group.stream().map(Path::toString).toArray(String[]::new));
      String[] selected = new String[columns.length + 1];
      selected[0] = "source_file";
      System.arraycopy(columns, 0, selected, 1, columns.length);
      for (Row row : FlowJob.flows(packets, options.withFilesKeptApart(true)).where(where).selectExpr(selected)
          .collectAsList()) {
        flows.get(byName.get(row.getString(0))).add(row);
      }
    }
    return flows;
  }

  /** The files in groups within which no two share a file name, in the files' order. */
  static List<List<Path>> withDistinctNames(List<Path> files) {
    List<List<Path>> groups = new ArrayList<>();
    List<Set<String>> names = new ArrayList<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      int g = 0;
      while (g < groups.size() && names.get(g).contains(name)) {
        g++;
      }
      if (g == groups.size()) {
        groups.add(new ArrayList<>());
        names.add(new HashSet<>());
      }
      groups.get(g).add(file);
      names.get(g).add(name);
    }
    return groups;
  }

  /** An oracle's result for one file. */
  @FunctionalInterface
  interface PerFile<T> {
    T apply(Path file) throws Exception;
  }

  /**
   * An oracle running on every file in the background, two files at a time (the machine's cores), largest
   * first so that no long file is left alone at the end.
   */
  static final class Background<T> implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final Map<Path, Future<T>> futures = new LinkedHashMap<>();

    Background(List<Path> files, PerFile<T> oracle) {
      List<Path> largestFirst = new ArrayList<>(files);
      largestFirst.sort(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed());
      for (Path file : largestFirst) {
        futures.put(file, pool.submit(() -> oracle.apply(file)));
      }
    }

    /** Every file's result; waits for them. */
    Map<Path, T> results() throws Exception {
      Map<Path, T> results = new HashMap<>();
      for (Map.Entry<Path, Future<T>> e : futures.entrySet()) {
        results.put(e.getKey(), e.getValue().get(10, TimeUnit.MINUTES));
      }
      return results;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /**
   * Runs an oracle command with its standard output into a file; fails unless it ends within 5 minutes.
   * Its exit status is returned, not judged: tshark reads a damaged capture up to the damage, prints those
   * frames and exits 2, and those frames are the oracle's answer, as in corpus_crosscheck.tsv.
   */
  static int run(List<String> command, Path stdout) throws IOException, InterruptedException {
    List<String> resolved = new ArrayList<>(command);
    resolved.set(0, onOraclePath(command.get(0)));
    ProcessBuilder builder = new ProcessBuilder(resolved).redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PATH", ORACLE_PATH);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException(command + " did not end within 5 minutes");
    }
    return process.exitValue();
  }

  /**
   * The program's file on {@link #ORACLE_PATH}: ProcessBuilder looks a bare name up on the test JVM's own
   * PATH, not on the PATH given to the child, so the child's PATH alone does not keep a shim out.
   */
  private static String onOraclePath(String program) throws IOException {
    if (program.contains("/")) {
      return program;
    }
    for (String dir : ORACLE_PATH.split(":")) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IOException(program + " is not on " + ORACLE_PATH);
  }

  /** A direction-free text of one flow: protocol, then both endpoints in a fixed order with what each sent. */
  static String flowText(String protocol, String ipA, int portA, String ipB, int portB,
      long packetsA, long bytesA, long packetsB, long bytesB) {
    String endpointA = endpoint(ipA, portA);
    String endpointB = endpoint(ipB, portB);
    String a = endpointA + " sent " + packetsA + "/" + bytesA;
    String b = endpointB + " sent " + packetsB + "/" + bytesB;
    return protocol + " " + (endpointA.compareTo(endpointB) <= 0 ? a + " | " + b : b + " | " + a);
  }

  private static String endpoint(String ip, int port) {
    try {
      return InetAddress.getByName(ip).getHostAddress() + "#" + port;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(ip, e);
    }
  }

  /** Decimal seconds (tshark's relative start, 9 decimals) as nanoseconds. */
  static long parseNanos(String text) {
    int dot = text.indexOf('.');
    if (dot < 0) {
      return Long.parseLong(text) * 1_000_000_000L;
    }
    String fraction = (text.substring(dot + 1) + "000000000").substring(0, 9);
    long seconds = Long.parseLong(text.substring(0, dot));
    return seconds * 1_000_000_000L + (text.startsWith("-") ? -1 : 1) * Long.parseLong(fraction);
  }
}
