package dev.funnel.bandit.ope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.bandit.ActionSpace;
import dev.funnel.bandit.Featurizer;
import dev.funnel.bandit.LoggedDecision;
import dev.funnel.bandit.Policy;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads the Funnel bandit log ({@link LoggedDecision}, one JSON object per line) and turns it
 * into {@link OpeData} for a target {@link Policy} over the same {@link ActionSpace}. DR uses a
 * cross-fitted ridge regression of the reward on the joint features of the target's
 * {@link Featurizer}.
 */
public final class FunnelLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Ridge prior of the DR reward model: the same identity prior as the policies. */
  private static final double REWARD_MODEL_LAMBDA = 1.0;

  private FunnelLog() {}

  public static List<LoggedDecision> read(Path file) throws IOException {
    List<LoggedDecision> out = new ArrayList<>();
    boolean clean = dev.funnel.core.util.LineAppender.endsCleanly(file);
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      String next = r.readLine();
      int n = 0;
      while ((line = next) != null) {
        next = r.readLine();
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          out.add(LoggedDecision.fromJson(JSON.readTree(line)));
        } catch (JsonProcessingException e) {
          if (next == null && !clean) {
            break; // a last line cut by a crash of the writer
          }
          throw new InvalidInputException(file + ":" + n, "line", line, "expected one JSON object per line: " + e.getOriginalMessage());
        } catch (InvalidInputException e) {
          throw new InvalidInputException(file + ":" + n, e.field(), e.value(), "expected a valid bandit log line (" + e.getMessage() + ")");
        }
      }
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file.toString(), "lines", 0, "expected at least one logged decision");
    }
    return out;
  }

  /** The index of {@code d}'s action in the target's {@code space}, checked against the logged index; errors name {@code where}. */
  public static int loggedIndex(LoggedDecision d, ActionSpace space, String where) {
    if (d.nActions() != space.size()) {
      throw new InvalidInputException(where, "n_actions", d.nActions(), "expected " + space.size() + " (the target's action space)");
    }
    int idx = space.indexOf(d.action());
    if (idx < 0 || idx != d.actionIndex()) {
      throw new InvalidInputException(where, "action", d.action().id(), "expected an action of the target's action space at index " + d.actionIndex());
    }
    return idx;
  }

  /** One log line as a decision; errors name {@code where}. */
  public static LoggedDecision parseLine(String line, String where) {
    try {
      return LoggedDecision.fromJson(JSON.readTree(line));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where, "line", line, "expected one JSON object per line: " + e.getOriginalMessage());
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, e.field(), e.value(), "expected a valid bandit log line (" + e.getMessage() + ")");
    }
  }

  /**
   * The log as OPE rounds for {@code target}. Target probabilities of stochastic policies use
   * generators split from {@code seed}, one per row.
   */
  public static OpeData data(List<LoggedDecision> log, Policy target, Featurizer featurizer, int folds, long seed) {
    ActionSpace space = featurizer.space();
    int n = log.size();
    double[] reward = new double[n];
    double[] propensity = new double[n];
    int[] logged = new int[n];
    double[][] probs = new double[n][];
    SplittableRandom root = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      LoggedDecision d = log.get(i);
      int idx = loggedIndex(d, space, "line " + (i + 1));
      reward[i] = d.reward();
      propensity[i] = d.propensity();
      logged[i] = idx;
      probs[i] = target.probabilities(d.context(), space.actions(), root.split());
    }
    OpeData data = new OpeData(reward, propensity, logged, probs, null);
    RidgeRewardModel.Features features =
        new RidgeRewardModel.Features() {
          @Override
          public double[] of(int row, int action) {
            return featurizer.joint(log.get(row).context(), space.get(action));
          }

          @Override
          public int actions(int row) {
            return space.size();
          }
        };
    RewardModel model = new RidgeRewardModel(features, logged, reward, featurizer.dimension(), REWARD_MODEL_LAMBDA);
    return data.withPredictions(RewardModel.crossFit(model, n, folds, seed));
  }
}
