package dev.funnel.cli;

import dev.funnel.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./funnel} command line. Each feature adds its commands to one of the lists below
 * ({@link #COMMANDS} at the top level, {@link #GROUPS} inside a group).
 *
 * <p>The commands are registered in code rather than in {@code @Command(subcommands = ...)}
 * because picocli builds the model of every annotated subcommand by reflection when the command
 * line is created: with every command of every feature that was about a tenth of the CPU of a
 * whole {@code funnel index} run on SciFact (docs/performance.md). {@link #main} builds only the
 * commands on the path the arguments name; help, usage and the tests use the whole tree ({@link
 * #commandLine()}).
 */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    version = "funnel 0.1.0",
    description = "Funnel learns to retrieve and rank for search and recommendations from customer feedback.")
public final class FunnelCli extends CommandGroup {

  /** Top-level commands and groups, in the order the usage lists them. */
  static final List<Class<?>> COMMANDS = List.of(
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
      dev.funnel.cli.loop.SimulateCommand.class);

  /** The subcommands of each group. */
  static final Map<Class<?>, List<Class<?>>> GROUPS = groups();

  private static Map<Class<?>, List<Class<?>>> groups() {
    Map<Class<?>, List<Class<?>>> g = new LinkedHashMap<>();
    g.put(Eval.class, List.of(
        dev.funnel.cli.retrieval.EvalRetrievalCommand.class,
        dev.funnel.cli.regress.RegressCommand.class,
        dev.funnel.cli.graph.GraphEvalCommand.class,
        dev.funnel.cli.delayed.EvalDelayedCommand.class,
        dev.funnel.cli.uncertainty.EvalThresholdsCommand.class,
        dev.funnel.cli.bandit.OpeCommand.class,
        dev.funnel.cli.bandit.BanditSimCommand.class,
        dev.funnel.cli.rank.EvalLtrCommand.class,
        dev.funnel.cli.rank.EvalPositionBiasCommand.class,
        dev.funnel.cli.memory.EvalQuCommand.class));
    g.put(Bench.class, List.of(
        dev.funnel.cli.retrieval.BenchRetrievalCommand.class,
        dev.funnel.cli.retrieval.BenchAnseriniCommand.class,
        dev.funnel.cli.retrieval.BenchSearchRunCommand.class,
        dev.funnel.cli.retrieval.BenchScalingPlotCommand.class,
        dev.funnel.cli.retrieval.BenchEmbeddingCommand.class,
        dev.funnel.cli.graph.GraphBenchCommand.class,
        dev.funnel.cli.memory.BenchMemoryCommand.class,
        dev.funnel.cli.loop.BenchFunnelCommand.class,
        dev.funnel.cli.loop.BenchLoadCommand.class,
        dev.funnel.cli.loop.BenchItemsCommand.class));
    g.put(Train.class, List.of(
        dev.funnel.cli.graph.GraphTrainCommand.class,
        dev.funnel.cli.delayed.TrainConversionCommand.class,
        dev.funnel.cli.uncertainty.TrainThresholdsCommand.class,
        dev.funnel.cli.rank.TrainRankerCommand.class));
    g.put(Events.class, List.of(
        dev.funnel.cli.events.EventsImportCommand.class,
        dev.funnel.cli.events.EventsStatsCommand.class));
    return Map.copyOf(g);
  }

  /** Evaluations on labelled data; each prints JSON. */
  @Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate quality on labelled data (prints JSON).")
  public static final class Eval extends CommandGroup {}

  /** Speed benchmarks on seeded synthetic data; each prints JSON. */
  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark speed on seeded synthetic data (prints JSON).")
  public static final class Bench extends CommandGroup {}

  /** Model training from files or the event log. */
  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train models from files or the event log.")
  public static final class Train extends CommandGroup {}

  /** Event log tools. */
  @Command(name = "events", mixinStandardHelpOptions = true, description = "Import and inspect feedback events.")
  public static final class Events extends CommandGroup {}

  /** The whole command tree (help, usage, documentation and tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FunnelCli());
    for (Class<?> c : COMMANDS) {
      cl.addSubcommand(node(c, null));
    }
    return withErrorHandler(cl);
  }

  /**
   * The command line for {@code args}: only the commands on the path the arguments name are
   * built (the top-level command, and for a group the one subcommand named next). Anything else
   * (no command, an option first, {@code help}, an unknown name) gets the whole tree, so usage
   * and error messages list every command.
   */
  public static CommandLine commandLine(String[] args) {
    Class<?> top = args.length == 0 || args[0].equals("help") ? null : named(COMMANDS, args[0]);
    if (top == null) {
      return commandLine();
    }
    CommandLine cl = new CommandLine(new FunnelCli());
    List<Class<?>> children = GROUPS.get(top);
    Class<?> child = children == null || args.length < 2 ? null : named(children, args[1]);
    cl.addSubcommand(node(top, child));
    return withErrorHandler(cl);
  }

  /** A command and its subcommands: all of them, or only {@code only} when it is not null. */
  private static CommandLine node(Class<?> command, Class<?> only) {
    List<Class<?>> children = GROUPS.get(command);
    CommandLine cl = new CommandLine(command);
    if (children != null) {
      for (Class<?> c : children) {
        if (only == null || only == c) {
          cl.addSubcommand(c);
        }
      }
    }
    return cl;
  }

  /** The command among {@code candidates} whose name or alias is {@code name}, or null. */
  static Class<?> named(List<Class<?>> candidates, String name) {
    for (Class<?> c : candidates) {
      Command a = c.getAnnotation(Command.class);
      if (a == null) {
        continue;
      }
      if (a.name().equals(name) || List.of(a.aliases()).contains(name)) {
        return c;
      }
    }
    return null;
  }

  private static CommandLine withErrorHandler(CommandLine cl) {
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
    System.exit(commandLine(args).execute(args));
  }
}
