package org.nexusflowmeter.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The command's own session, as {@code CliSpark} starts it (the other command tests run on a test session). */
class CliSparkTest {
  @Test
  void aJobsTaskResultsMayTogetherExceedAnyCap() throws Exception {
    // a cap set from outside, as spark-defaults or a system property would: 1 MB, below the 2.4 MB of results
    // the job below returns; the command's own setting must win (the output writer's tasks return their share
    // of the reports' first pass, megabytes each, merged as they arrive)
    Level level = LogManager.getRootLogger().getLevel();
    System.setProperty("spark.driver.maxResultSize", "1m");
    SparkSession spark = null;
    try {
      spark = CliSpark.start(new CommandLineParser().parse(new String[] {"in.pcap", "out.csv", "--max-workers",
          "2"}));
      List<byte[]> results = JavaSparkContext.fromSparkContext(spark.sparkContext())
          .parallelize(List.of(1, 2, 3, 4), 4)
          .map(i -> new byte[600_000])
          .collect();
      assertEquals(4, results.size());
    } finally {
      System.clearProperty("spark.driver.maxResultSize");
      if (spark != null) {
        spark.stop();
      }
      Configurator.setRootLevel(level);
    }
  }
}
