package org.nexusflowmeter.pcap.spark.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A SPARK_HOME for standalone master, worker and executor JVMs made of nothing but the test JVM's own
 * classpath: jars/ holds a symlink to every jar on it, which is exactly the Spark and Hadoop the driver
 * runs. Directories on the classpath (this build's classes) are left out: executors get the connector
 * through spark.jars, like on a real cluster.
 */
final class FakeSparkHome {
  private FakeSparkHome() {}

  static Path create(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Set<String> names = new HashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      // Two jars of one name would shadow each other; the first on the classpath wins, as in the driver.
      if (name.endsWith(".jar") && Files.isRegularFile(jar) && names.add(name)) {
        Files.createSymbolicLink(jars.resolve(name), jar.toAbsolutePath());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no jar on the test classpath: " + System.getProperty("java.class.path"));
    }
    Files.createDirectories(home.resolve("work"));
    return home;
  }
}
