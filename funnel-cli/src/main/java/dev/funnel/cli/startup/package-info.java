/**
 * Start-up of the command line. The launcher ({@code ./funnel}) keeps an application class-data
 * archive per build and JDK: {@link dev.funnel.cli.startup.ClassDataTraining} is the fixed
 * workload whose loaded classes the archive holds (indexing, a search run, the whole command
 * tree), so every later command maps those classes instead of loading and verifying them from
 * the jars (docs/performance.md, "Start-up").
 */
package dev.funnel.cli.startup;
