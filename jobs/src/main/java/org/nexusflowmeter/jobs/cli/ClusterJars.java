package org.nexusflowmeter.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * What a cluster's executors need that Spark does not have: this project's classes and POI, in the jobs
 * module's cluster jar ({@code nexusflowmeter-jobs-<version>-cluster.jar}, built by {@code package}). The
 * launcher names it in the system property {@value #PROPERTY}; spark-submit ships its own application jar.
 */
final class ClusterJars {
  static final String PROPERTY = "nexusflowmeter.clusterJar";

  private ClusterJars() {}

  static void configure(SparkSession.Builder builder) {
    if (new SparkConf().contains("spark.jars")) {
      return;
    }
    String jar = System.getProperty(PROPERTY);
    boolean named = jar != null && !jar.isEmpty();
    if (!named || !Files.isRegularFile(Path.of(jar))) {
      throw new CliFailure("--master needs the cluster jar " + (named ? jar + " " : "")
          + "(built by ./mvnw package -pl jobs -am; the nexusflowmeter launcher builds it)");
    }
    builder.config("spark.jars", Path.of(jar).toAbsolutePath().toUri().toString());
  }
}
