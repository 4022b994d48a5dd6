package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.ml.Gbm;
import dev.funnel.ml.GbmDataset;
import dev.funnel.ml.GbmModel;
import dev.funnel.ml.GbmParams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bootstrap ensemble of gradient-boosted classifiers (Breiman 1996, bagging; Efron 1979): each
 * member is trained with {@link Gbm#train} on a resample (with replacement) of the training rows
 * and its own seed. The score is the mean member probability; the uncertainty is the standard
 * deviation across members (n - 1 denominator). Seeded: the same data, parameters and seed give
 * the same members. Thread-safe for prediction.
 */
public final class BootstrapEnsemble implements UncertaintyModel<float[]>, AutoCloseable {
  /**
   * 10 members: the spread estimate's relative standard error is about 1/sqrt(2(K-1)) = 24% at
   * K = 10, enough to rank examples by uncertainty, at 10x the cost of one model.
   */
  public static final int DEFAULT_MEMBERS = 10;

  private final List<GbmModel> members;

  public BootstrapEnsemble(List<GbmModel> members) {
    if (members.size() < 2) {
      throw new InvalidInputException("members", members.size(), "expected at least 2 ensemble members");
    }
    int cols = members.get(0).featureCount();
    for (int i = 1; i < members.size(); i++) {
      if (members.get(i).featureCount() != cols) {
        throw new InvalidInputException("members[" + i + "]", members.get(i).featureCount(), "expected " + cols + " features like member 0");
      }
    }
    this.members = List.copyOf(members);
  }

  /** Trains {@code count} members on bootstrap resamples of {@code data}. */
  public static BootstrapEnsemble train(GbmDataset data, GbmParams params, int count, long seed) {
    Checks.atLeast("members", count, 2);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<GbmModel> models = new ArrayList<>();
    int n = data.rows();
    for (int m = 0; m < count; m++) {
      SplittableRandom member = rnd.split();
      float[][] x = new float[n][];
      float[] y = new float[n];
      for (int i = 0; i < n; i++) {
        int j = member.nextInt(n);
        x[i] = data.features()[j];
        y[i] = data.labels()[j];
      }
      models.add(Gbm.train(new GbmDataset(x, y, null, null, data.featureNames()), params.withSeed(member.nextLong())));
    }
    return new BootstrapEnsemble(models);
  }

  public int featureCount() {
    return members.get(0).featureCount();
  }

  public List<String> serializedMembers() {
    return members.stream().map(GbmModel::serialize).toList();
  }

  public static BootstrapEnsemble load(List<String> texts) {
    return new BootstrapEnsemble(texts.stream().map(GbmModel::load).toList());
  }

  @Override
  public String name() {
    return "bootstrap_gbm";
  }

  @Override
  public Estimate estimate(float[] row) {
    double[] p = new double[members.size()];
    for (int m = 0; m < p.length; m++) {
      p[m] = members.get(m).predict(row);
    }
    return meanAndSpread(p);
  }

  /** Estimates for many rows at once (one batched prediction per member). */
  public Estimate[] estimateAll(float[][] rows) {
    double[][] byMember = new double[members.size()][];
    for (int m = 0; m < byMember.length; m++) {
      byMember[m] = members.get(m).predict(rows);
    }
    Estimate[] out = new Estimate[rows.length];
    double[] p = new double[members.size()];
    for (int i = 0; i < rows.length; i++) {
      for (int m = 0; m < p.length; m++) {
        p[m] = byMember[m][i];
      }
      out[i] = meanAndSpread(p);
    }
    return out;
  }

  static Estimate meanAndSpread(double[] p) {
    double mean = 0;
    for (double v : p) {
      mean += v;
    }
    mean /= p.length;
    double ss = 0;
    for (double v : p) {
      ss += (v - mean) * (v - mean);
    }
    return new Estimate(mean, Math.sqrt(ss / (p.length - 1)));
  }

  /** Scores {@code rows} into a labelled set. */
  public ScoredSet score(float[][] rows, boolean[] labels) {
    Estimate[] e = estimateAll(rows);
    double[] s = new double[e.length];
    double[] u = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      s[i] = e[i].score();
      u[i] = e[i].uncertainty();
    }
    return new ScoredSet(s, u, labels);
  }

  @Override
  public void close() {
    members.forEach(GbmModel::close);
  }
}
