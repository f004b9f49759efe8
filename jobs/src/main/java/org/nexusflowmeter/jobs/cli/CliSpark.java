package org.nexusflowmeter.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.nexusflowmeter.jobs.flows.FlowJobSerializer;

/**
 * The command's Spark session: embedded ({@code local[N]} with {@code --max-workers N}, else one thread per
 * core) or on {@code --master URL}; {@code --chunk-size MB} as the split size. Spark's logs only with
 * {@code --verbose}; the console progress bar when a person watches (stdin and stdout are a terminal).
 */
final class CliSpark {
  /** Enough partitions per thread to even out keys of uneven weight, few enough to keep shuffles cheap. */
  private static final int SHUFFLE_PARTITIONS_PER_THREAD = 4;
  private static final int SORT_ROWS_IN_MEMORY = 1 << 18;
  private static final String PAGE_SIZE = "4m";

  private CliSpark() {}

  static SparkSession start(CommandLine line) {
    // quiet: the command reports every failure itself in one line; Spark would add its task stack traces
    Configurator.setRootLevel(line.verbose ? Level.INFO : Level.OFF);
    SparkSession.Builder builder = SparkSession.builder().appName("nexusflowmeter")
        .config("spark.sql.session.timeZone", "UTC")
        // memory that does not grow with the input: a sort (the flow parts' fold) writes a sorted run to disk
        // every this many rows (~80 MB of them) instead of holding its whole partition. The fold has a partition
        // per input split (FlowJob), so its tasks stay under this unless a split holds more flows than that
        // (about 130,000 in a 128 MB split of the comparison capture: no spill at all)
        .config("spark.shuffle.spill.numElementsForceSpillThreshold", Integer.toString(SORT_ROWS_IN_MEMORY))
        .config("spark.ui.showConsoleProgress", Boolean.toString(System.console() != null))
        // no cap on the total size of a job's task results: the output writer's tasks each return their share of
        // the reports' first pass (1.24 MB a task on the comparison capture: the address sums, the duration
        // buckets), which the driver merges as each task ends (FlowTextFile.Written), so the total is not what it
        // holds; Spark's default cap of 1 GB would fail a capture of some 820 splits (about 100 GB of it)
        .config("spark.driver.maxResultSize", "0");
    FlowJobSerializer.configure(builder);
    String master = line.master != null ? line.master
        : line.maxWorkers > 0 ? "local[" + line.maxWorkers + "]" : "local[*]";
    builder.master(master);
    if (master.startsWith("local")) {
      int threads = line.maxWorkers > 0 ? line.maxWorkers : Runtime.getRuntime().availableProcessors();
      // Spark's default of 200 shuffle partitions suits a cluster; here each of the ~20 shuffles a run makes
      // (flow parts, the output sort, the reports) would open 200 files per task for a few threads to read
      builder.config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", Integer.toString(SHUFFLE_PARTITIONS_PER_THREAD * threads))
          // shuffle and spill files stay compressed (Spark's default, LZ4): they never leave this machine, but
          // every page of a file the kernel gives fresh memory costs more than compressing it on a virtual
          // machine whose host takes back free memory (bench/compare.sh's machine: the full capture 3.1 -> 2.4 GB
          // written, -2 s of system time, +0.8 s of user time). Checksums (to diagnose corrupt blocks sent
          // over a network) only cost CPU here.
          .config("spark.shuffle.checksum.enabled", "false")
          // a row-order-independent checksum of every map output (a hash of every row), made when either
          // setting is on, tells Spark whether a retried map task gave other rows, so that it re-runs what read
          // the first ones; a local master does not retry tasks (a failed task fails the run)
          .config("spark.sql.shuffle.orderIndependentChecksum.enabled", "false")
          .config("spark.sql.shuffle.orderIndependentChecksum.enableFullRetryOnMismatch", "false")
          // sorts and hash aggregations take execution memory a page at a time, and Spark's default page is the
          // execution memory per thread over 16 (64 MB with one thread and a 2 GB heap, 32 MB with two): a fold
          // task's ~40 MB of rows held a 64 MB page, a report's small aggregation a whole page too; pages outlive
          // young collections (Spark pools them), so their size is the old generation's
          .config("spark.buffer.pageSize", PAGE_SIZE);
    } else {
      // executors elsewhere need this project's classes; a local master shares the driver's
      ClusterJars.configure(builder);
    }
    if (line.chunkSizeMb > 0) {
      builder.config("spark.sql.files.maxPartitionBytes", Long.toString(line.chunkSizeMb << 20));
    }
    return builder.getOrCreate();
  }
}
