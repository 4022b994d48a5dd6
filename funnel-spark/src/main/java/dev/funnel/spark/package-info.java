/**
 * Funnel's offline jobs on Apache Spark, over the files serving writes (training log, event log,
 * decision log) and calling the embedded path's own functions: the ranker's training set and
 * model ({@link dev.funnel.spark.RankerTrainingJob}), the conversion set with delayed-feedback
 * weights ({@link dev.funnel.spark.ConversionJob}), memory-index statistics ({@link
 * dev.funnel.spark.MemoryStatsJob}), graph edges ({@link dev.funnel.spark.GraphEdgesJob}) and
 * off-policy estimates, doubly robust included ({@link dev.funnel.spark.OffPolicyJob}). {@link
 * dev.funnel.spark.SparkCli} is their command line ({@code ./funnel spark ...}, {@code ./funnel
 * bench offline}); {@link dev.funnel.spark.OfflineBench} times each job embedded and on Spark over
 * seeded logs ({@link dev.funnel.spark.OfflineLogGenerator}, {@link
 * dev.funnel.spark.DecisionLogGenerator}). See docs/scaling.md.
 */
package dev.funnel.spark;
