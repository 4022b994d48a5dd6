package dev.funnel.cli.rank;

import dev.funnel.cli.JsonOutput;
import dev.funnel.rank.LtrEvaluation;
import dev.funnel.rank.SvmLightData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funnel eval ltr}: Funnel's LambdaMART next to LightGBM's own run on SVMlight data. */
@Command(name = "ltr", mixinStandardHelpOptions = true,
    description = "nDCG@1/3/5/10 of Funnel's LambdaMART pipeline, LightGBM's own run (lambdarank example settings) and "
        + "baselines on SVMlight/LETOR learning-to-rank data: groups from inline qid: tokens or FILE.query group files; NULL/NaN values are missing.")
public final class EvalLtrCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--train", required = true, description = "SVMlight/LETOR training file (qid: inline or groups in FILE.query), e.g. ../shared/data/ltr/lightgbm_example/rank.train")
  Path train;

  @Option(names = "--test", required = true, description = "SVMlight/LETOR test file (qid: inline or groups in FILE.query)")
  Path test;

  @Option(names = "--seed", defaultValue = "1", description = "seed for Funnel's training (bagging) and the random baseline (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rounds", defaultValue = "" + LtrEvaluation.EXAMPLE_ROUNDS,
      description = "boosting rounds for both LightGBM runs (default ${DEFAULT-VALUE}, the example's num_trees)")
  int rounds;

  @Option(names = "--absent", defaultValue = "auto",
      description = "what a feature absent from a line means: missing (NaN), zero (sparse SVMlight) or auto: missing for files with qid: (LETOR), zero otherwise (default ${DEFAULT-VALUE})")
  String absent;

  @Option(names = "--json", description = "also write the JSON result to this file")
  Path json;

  /** {@code auto}: missing when the first data line has an inline qid (LETOR), zero otherwise. */
  static SvmLightData.Absent absentFor(String option, Path data) throws java.io.IOException {
    if (!option.equalsIgnoreCase("auto")) {
      return SvmLightData.Absent.parse(option);
    }
    try (var lines = java.nio.file.Files.lines(data)) {
      boolean qid = lines.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
          .map(l -> l.split("\\s+").length > 1 && l.split("\\s+")[1].startsWith("qid:")).orElse(false);
      return qid ? SvmLightData.Absent.MISSING : SvmLightData.Absent.ZERO;
    }
  }

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("train", train.toString());
    config.put("test", test.toString());
    config.put("seed", seed);
    config.put("rounds", rounds);
    config.put("absent", absent);
    JsonOutput.header("eval ltr", config);
    return strict.exitCode(JsonOutput.emit(LtrEvaluation.run(train, test, seed, rounds, absentFor(absent, train)), json, System.out));
  }
}
