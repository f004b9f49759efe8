package org.nexusflowmeter.pcap.spark.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark standalone master and one worker, each in its own JVM on 127.0.0.1, started from a
 * {@link FakeSparkHome}. The worker starts executor JVMs of its own for every application.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final long REGISTRATION_TIMEOUT_MS = 60_000;

  private final Path home;
  private final int masterPort;
  private Process master;
  private Process worker;

  private StandaloneCluster(Path home, int masterPort) {
    this.home = home;
    this.masterPort = masterPort;
  }

  /**
   * Starts master and worker without waiting for them, so the caller can work while they boot; call
   * {@link #awaitWorker()} before using the cluster. Closes both if either fails to start.
   */
  static StandaloneCluster launch(Path sparkHome, int workerCores, String workerMemory) throws IOException {
    StandaloneCluster cluster = new StandaloneCluster(sparkHome, FreePort.pick());
    try {
      cluster.master = cluster.launch("master", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort), "--webui-port", "0");
      cluster.worker = cluster.launch("worker", "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--webui-port", "0", "--cores", Integer.toString(workerCores),
          "--memory", workerMemory, "--work-dir", sparkHome.resolve("work").toString(), cluster.masterUrl());
      return cluster;
    } catch (IOException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** Returns once the worker has registered with the master. */
  void awaitWorker() throws IOException, InterruptedException {
    awaitLog("worker", "Successfully registered with master");
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  private Process launch(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(moduleFlagsOfThisJvm());
    command.add("-cp");
    command.add(home.resolve("jars") + "/*");
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log(name).toFile());
    builder.environment().put("SPARK_HOME", home.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  /** The --add-opens family Spark needs on Java 17, as surefire gave them to this JVM. */
  private static List<String> moduleFlagsOfThisJvm() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect.") || arg.startsWith("-Dio.netty.")) {
        flags.add(arg);
      }
    }
    return flags;
  }

  private Path log(String name) {
    return home.resolve(name + ".log");
  }

  private void awaitLog(String name, String line) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + REGISTRATION_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException("a standalone JVM exited early\n" + logs());
      }
      if (Files.readString(log(name), StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no '" + line + "' in the " + name + " log after "
        + REGISTRATION_TIMEOUT_MS + " ms\n" + logs());
  }

  /** The tails of both logs, for failure messages. */
  String logs() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      try {
        String content = Files.readString(log(name), StandardCharsets.UTF_8);
        text.append("--- ").append(name).append(".log (tail)\n")
            .append(content, Math.max(0, content.length() - 4000), content.length()).append('\n');
      } catch (IOException e) {
        text.append("--- ").append(name).append(".log unreadable: ").append(e).append('\n');
      }
    }
    return text.toString();
  }

  /** Stops the worker (and any executor it left) before the master; forcibly after a short grace. */
  @Override
  public void close() {
    stop(worker);
    stop(master);
  }

  private static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
