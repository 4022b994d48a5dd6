package dev.funnel.cli.delayed;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.delayed.ClickData;
import dev.funnel.delayed.ConversionModel;
import dev.funnel.delayed.ConversionTrainer;
import dev.funnel.delayed.ConversionTraining;
import dev.funnel.delayed.Durations;
import dev.funnel.delayed.EventLogSource;
import dev.funnel.delayed.WeightingScheme;
import dev.funnel.delayed.Weightings;
import dev.funnel.events.FileEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel train conversion}: trains the conversion model from the product's event log with a delayed-feedback weighting. */
@Command(name = "conversion", mixinStandardHelpOptions = true,
    description = "Train the conversion model from the event log (clicks, add_to_cart, purchase) with a delayed-feedback weighting.")
public final class TrainConversionCommand implements Callable<Integer> {
  @Option(names = "--events", required = true, description = "Event log folder (FileEventLog).")
  Path events;

  @Option(names = "--method", defaultValue = "engagement",
      description = "Weighting: vanilla, waiting, fnw, fsiw, esdfm or engagement. Default: ${DEFAULT-VALUE}.")
  String method;

  @Option(names = "--as-of", description = "Train on what was observable at this time (ISO-8601 instant or epoch seconds). Default: just after the last event.")
  String asOf;

  @Option(names = "--attribution-window", defaultValue = "7d", description = "A purchase counts for a click only within this time. Default: ${DEFAULT-VALUE}.")
  String attribution;

  @Option(names = "--train-span", defaultValue = "28d", description = "Clicks of this period before --as-of are used. Default: ${DEFAULT-VALUE}.")
  String trainSpan;

  @Option(names = "--validation-span", defaultValue = "1d", description = "Validation clicks: this period ending one attribution window before --as-of. Default: ${DEFAULT-VALUE}.")
  String validationSpan;

  @Option(names = "--wait", defaultValue = "1d", description = "Waiting-window method: minimum click age. Default: ${DEFAULT-VALUE}.")
  String wait;

  @Option(names = "--esdfm-window", defaultValue = "1h", description = "ES-DFM observation window c. Default: ${DEFAULT-VALUE}.")
  String esdfmWindow;

  @Option(names = "--rounds", defaultValue = "100", description = "Boosting rounds. Default: ${DEFAULT-VALUE}.")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the models. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", required = true, description = "Model file to write.")
  Path out;

  @Option(names = "--json", description = "Also write the summary JSON here.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(events)) {
      throw new InvalidInputException("--events", events, "expected an existing event log folder");
    }
    if (rounds < 1) {
      throw new InvalidInputException("--rounds", rounds, "expected an integer >= 1");
    }
    long attr = Durations.seconds("--attribution-window", attribution);
    WeightingScheme scheme = Weightings.create(method, new Weightings.Settings(Durations.seconds("--wait", wait), Durations.seconds("--esdfm-window", esdfmWindow)));
    ClickData data;
    try (FileEventLog log = FileEventLog.open(events)) {
      data = EventLogSource.read(log, attr);
    }
    if (data.journeys().isEmpty()) {
      throw new InvalidInputException("--events", events, "expected a log with click events");
    }
    long t = asOf == null ? data.lastObservedTime() + 1 : parseTime(asOf);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("events", events.toString());
    config.put("method", method);
    config.put("as_of", Instant.ofEpochSecond(t).toString());
    config.put("attribution_window", Durations.format(attr));
    config.put("train_span", trainSpan);
    config.put("rounds", rounds);
    config.put("seed", seed);
    JsonOutput.header("train conversion", config);
    ConversionTraining.Settings s = new ConversionTraining.Settings(t, Durations.seconds("--train-span", trainSpan),
        Durations.seconds("--validation-span", validationSpan), ConversionTrainer.defaultParams(seed).withRounds(rounds), seed);
    try (ConversionModel m = ConversionTraining.train(data, scheme, s)) {
      m.save(out);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("model", out.toString());
      result.put("features", m.spec().names());
      result.put("provenance", dev.funnel.core.io.ModelFile.toJson(m.provenance()));
      result.put("report", m.report());
      JsonOutput.emit(result, json, System.out);
    }
    return 0;
  }

  static long parseTime(String s) {
    try {
      return s.chars().allMatch(Character::isDigit) ? Long.parseLong(s) : Instant.parse(s).getEpochSecond();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidInputException("--as-of", s, "expected an ISO-8601 instant (2026-11-22T00:00:00Z) or epoch seconds");
    }
  }
}
