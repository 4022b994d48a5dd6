package dev.funnel.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Sessions for the offline jobs. {@code local[N]} runs Spark inside this JVM (tests, `./funnel
 * bench offline`, a laptop); any other master (e.g. given by spark-submit) runs on that cluster.
 * Driver traffic stays on loopback in local mode; the web UI is off.
 */
public final class SparkRuntime {
  private SparkRuntime() {}

  /** A session on {@code master}, e.g. {@code local[2]}; shuffle partitions default to 2 per core. */
  public static SparkSession session(String master, int shufflePartitions) {
    SparkSession.Builder b = SparkSession.builder().appName("funnel").master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
        .config("spark.default.parallelism", Integer.toString(shufflePartitions))
        .config("spark.sql.session.timeZone", "UTC");
    if (master.startsWith("local")) {
      b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    return b.getOrCreate();
  }

  public static JavaSparkContext context(SparkSession s) {
    return JavaSparkContext.fromSparkContext(s.sparkContext());
  }
}
