package org.nexusflowmeter.pcap.spark.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.nexusflowmeter.pcap.format.CaptureReaders;

/**
 * The connector as Spark ships it to executors: a jar of the compiled main classes and resources.
 * `mvn test` runs before `package`, so the test zips the classes directory itself.
 */
final class ConnectorJar {
  private ConnectorJar() {}

  /** The directory the connector's main classes were loaded from (target*&#47;classes). */
  static Path classesDirectory() {
    try {
      Path location =
          Path.of(CaptureReaders.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isDirectory(location)) {
        throw new IllegalStateException("connector classes come from a jar, not a directory: " + location);
      }
      return location;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes every file under the classes directory into jarFile and returns it. */
  static Path build(Path jarFile) throws IOException {
    Path root = classesDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    try (OutputStream out = Files.newOutputStream(jarFile);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path file : files) {
        zip.putNextEntry(new ZipEntry(root.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
    return jarFile;
  }
}
