package dev.funnel.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.cli.serve.ServeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code funnel config}: check a deployment config file, or print the reference of its keys. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a deployment config file or print its keys.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Docs.class})
public final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code funnel config check FILE}. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a config file as 'serve --config FILE' would, without opening or starting anything; prints the settings as JSON.")
  public static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The YAML config file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      ServeCommand serve = ServeCommand.withConfig(file);
      Map<String, Object> settings = serve.validate();
      List<String> warnings = new ArrayList<>();
      for (String k : List.of("index", "graph_model", "decision_model")) {
        Object p = settings.get(k);
        if (p != null && !Files.exists(Path.of(p.toString()))) {
          warnings.add(k + " " + p + " does not exist (yet) on this machine");
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("file", file.toString());
      out.put("valid", true);
      out.put("keys_set", ConfigFile.read(file, new CommandLine(new ServeCommand()).getCommandSpec()).values().keySet());
      out.put("settings", settings);
      out.put("warnings", warnings);
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
      return 0;
    }
  }

  /** {@code funnel config docs}. */
  @Command(name = "docs", mixinStandardHelpOptions = true, description = "Print the reference of every config key (docs/configuration.md).")
  public static final class Docs implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(ConfigDocs.render(new CommandLine(new ServeCommand()).getCommandSpec()));
      return 0;
    }
  }
}
