package org.nexusflowmeter.jobs.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * What the flow oracle tests share: where the corpus and the oracle scripts are (the test skips without
 * them or without tshark), which corpus files they compare, and running an oracle script per file.
 */
final class OracleCorpus {
  static final int NFSTREAM_FILES = 70;
  static final long MAX_FILE_BYTES = 1_000_000;

  private OracleCorpus() {}

  /** The shared folder, or the test is skipped when it lacks the corpus, the given oracle script or tshark. */
  static Path sharedOrSkip(String oracleScript) {
    Path shared = Path.of(System.getProperty("shared.dir", "../../shared"));
    Assumptions.assumeTrue(Files.isDirectory(shared.resolve("corpus"))
        && Files.isRegularFile(shared.resolve("oracle").resolve(oracleScript)), "no corpus or oracle under " + shared);
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark missing");
    return shared;
  }

  /**
   * Every capture of corpus/local, then the first {@value #NFSTREAM_FILES} corpus/nfstream captures by name of
   * at most {@value #MAX_FILE_BYTES} bytes. Names are unique, since source_file is the name.
   */
  static List<Path> selection(Path corpus) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> local = Files.list(corpus.resolve("local"))) {
      local.filter(OracleCorpus::isCapture).sorted().forEach(files::add);
    }
    try (Stream<Path> nfstream = Files.list(corpus.resolve("nfstream"))) {
      nfstream.filter(OracleCorpus::isCapture).filter(p -> p.toFile().length() <= MAX_FILE_BYTES)
          .sorted().limit(NFSTREAM_FILES).forEach(files::add);
    }
    assertEquals(files.size(), files.stream().map(p -> p.getFileName().toString()).distinct().count(),
        "file names must be unique: source_file is the name");
    return files;
  }

  private static boolean isCapture(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".pcap") || name.endsWith(".pcapng");
  }

  /** An oracle's result for one file. */
  @FunctionalInterface
  interface PerFile<T> {
    T apply(Path file) throws Exception;
  }

  /** The oracle run on every file, two at a time (the machine's cores), results in the files' order. */
  static <T> List<T> perFile(List<Path> files, PerFile<T> oracle) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> oracle.apply(file)));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(5, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs an oracle command with its standard output into a file; fails unless it exits 0 within 5 minutes. */
  static void run(List<String> command, Path stdout) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command + " failed");
    }
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
