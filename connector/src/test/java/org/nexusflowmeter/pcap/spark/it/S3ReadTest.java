package org.nexusflowmeter.pcap.spark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A read through S3A from an S3 server on 127.0.0.1 (S3Proxy, in this JVM), split far smaller than the
 * files, gives exactly the rows of a one-split-per-file read of the same files on local disk. The S3A
 * settings are per-read options, which the source layers over the session's Hadoop configuration.
 */
class S3ReadTest {
  private static final String ACCESS_KEY = "test-access";
  private static final String SECRET_KEY = "test-secret";
  private static final String BUCKET = "captures";

  @RegisterExtension
  static final S3ProxyExtension S3 = S3ProxyExtension.builder().withCredentials(ACCESS_KEY, SECRET_KEY).build();

  @TempDir static Path temp;
  private static SparkSession spark;
  private static CaptureSet captures;

  @BeforeAll
  static void start() throws IOException {
    captures = CaptureSet.write(temp.resolve("local"));
    spark = LoopbackSpark.fresh(LoopbackSpark.builder("local[2]", "S3ReadTest"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void splitReadFromS3EqualsWholeFileReadFromLocalDisk() throws IOException {
    upload();
    Dataset<Row> local = PcapRows.read(spark, captures.dir.toUri().toString(), PcapRows.WHOLE_FILES);
    Dataset<Row> split = spark.read().format("pcap")
        .option("maxPartitionBytes", PcapRows.SMALL_SPLIT)
        .option("fs.s3a.endpoint", S3.getUri().toString())
        .option("fs.s3a.endpoint.region", "us-east-1")
        .option("fs.s3a.path.style.access", "true")
        .option("fs.s3a.connection.ssl.enabled", "false")
        .option("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .option("fs.s3a.access.key", ACCESS_KEY)
        .option("fs.s3a.secret.key", SECRET_KEY)
        .load("s3a://" + BUCKET + "/in");

    assertTrue(PcapRows.partitions(split) >= captures.totalBytes() / (2 * PcapRows.SMALL_SPLIT),
        "split read has " + PcapRows.partitions(split) + " partitions for " + captures.totalBytes() + " bytes");
    assertEquals(new TreeMap<>(captures.goodPackets), new TreeMap<>(PcapRows.goodPacketsPerFile(split)));
    List<String> expected = PcapRows.lines(local);
    List<String> actual = PcapRows.lines(split);
    assertEquals(expected.size(), actual.size());
    assertEquals(expected, actual);
  }

  /** Creates the bucket and puts every capture under in/ with the plain AWS SDK, as a producer would. */
  private static void upload() throws IOException {
    try (S3Client s3 = S3Client.builder()
            .endpointOverride(S3.getUri())
            .region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build();
        Stream<Path> files = Files.list(captures.dir)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      for (Path file : (Iterable<Path>) files::iterator) {
        s3.putObject(b -> b.bucket(BUCKET).key("in/" + file.getFileName()), RequestBody.fromFile(file));
      }
    }
  }
}
