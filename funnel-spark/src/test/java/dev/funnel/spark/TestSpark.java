package dev.funnel.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session for every test class of the run (Spark's shutdown hook stops it when the
 * test JVM exits): starting a session costs seconds, the tests themselves much less.
 */
final class TestSpark {
  private TestSpark() {}

  static synchronized SparkSession session() {
    return SparkRuntime.session("local[2]", 4);
  }
}
