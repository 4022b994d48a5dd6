package dev.funnel.cli;

import dev.funnel.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./funnel} command line. Each feature adds its commands to one of the groups. */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    version = "funnel 0.1.0",
    description = "Funnel learns to retrieve and rank for search and recommendations from customer feedback.",
    subcommands = {
      CommandLine.HelpCommand.class,
      dev.funnel.cli.serve.DemoCommand.class,
      dev.funnel.cli.serve.ServeCommand.class,
      dev.funnel.cli.config.ConfigCommand.class,
      dev.funnel.cli.serve.LearnCommand.class,
      dev.funnel.cli.retrieval.IndexCommand.class,
      FunnelCli.Eval.class,
      FunnelCli.Bench.class,
      FunnelCli.Train.class,
      FunnelCli.Events.class,
      dev.funnel.cli.graph.RelatedCommand.class,
      dev.funnel.cli.loop.SimulateCommand.class,
    })
public final class FunnelCli extends CommandGroup {

  /** Evaluations on labelled data; each prints JSON. */
  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate quality on labelled data (prints JSON).",
      subcommands = {
        dev.funnel.cli.retrieval.EvalRetrievalCommand.class,
        dev.funnel.cli.regress.RegressCommand.class,
        dev.funnel.cli.graph.GraphEvalCommand.class,
        dev.funnel.cli.delayed.EvalDelayedCommand.class,
        dev.funnel.cli.uncertainty.EvalThresholdsCommand.class,
        dev.funnel.cli.bandit.OpeCommand.class,
        dev.funnel.cli.bandit.BanditSimCommand.class,
        dev.funnel.cli.rank.EvalLtrCommand.class,
        dev.funnel.cli.rank.EvalPositionBiasCommand.class,
        dev.funnel.cli.memory.EvalQuCommand.class,
      })
  public static final class Eval extends CommandGroup {}

  /** Speed benchmarks on seeded synthetic data; each prints JSON. */
  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark speed on seeded synthetic data (prints JSON).",
      subcommands = {
        dev.funnel.cli.retrieval.BenchRetrievalCommand.class,
        dev.funnel.cli.retrieval.BenchAnseriniCommand.class,
        dev.funnel.cli.retrieval.BenchSearchRunCommand.class,
        dev.funnel.cli.retrieval.BenchScalingPlotCommand.class,
        dev.funnel.cli.graph.GraphBenchCommand.class,
        dev.funnel.cli.memory.BenchMemoryCommand.class,
        dev.funnel.cli.loop.BenchFunnelCommand.class,
        dev.funnel.cli.loop.BenchLoadCommand.class,
        dev.funnel.cli.loop.BenchItemsCommand.class,
      })
  public static final class Bench extends CommandGroup {}

  /** Model training from files or the event log. */
  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train models from files or the event log.",
      subcommands = {
        dev.funnel.cli.graph.GraphTrainCommand.class,
        dev.funnel.cli.delayed.TrainConversionCommand.class,
        dev.funnel.cli.uncertainty.TrainThresholdsCommand.class,
        dev.funnel.cli.rank.TrainRankerCommand.class,
      })
  public static final class Train extends CommandGroup {}

  /** Event log tools. */
  @Command(name = "events", mixinStandardHelpOptions = true, description = "Import and inspect feedback events.",
      subcommands = {
        dev.funnel.cli.events.EventsImportCommand.class,
        dev.funnel.cli.events.EventsStatsCommand.class,
      })
  public static final class Events extends CommandGroup {}

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FunnelCli());
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      if (ex instanceof InvalidInputException || ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
          || ex instanceof java.nio.file.NoSuchFileException) {
        line.getErr().println("funnel: " + (ex instanceof java.nio.file.NoSuchFileException ? "no such file: " : "") + ex.getMessage());
        return 2;
      }
      throw ex;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
