package dev.funnel.uncertainty;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded data following the Bayesian model of Arora, Merugu, Saladi and Rastogi, "Leveraging
 * Uncertainty Estimates to Improve Classifier Performance" (arXiv:2311.11723, Section 3): a true
 * positive rate from a Beta prior, Bernoulli labels, and a model score estimated from a limited
 * amount of class-dependently sampled evidence. For each example:
 *
 * <ol>
 *   <li>true rate {@code p ~ Beta(a, b)};
 *   <li>evidence count {@code n = floor(exp(U(ln nMin, ln(nMax + 1))))}, log-uniform;
 *   <li>training keeps positives and a fraction {@code r} of negatives, so the rate the model
 *       learns is {@code q = p / (p + r (1 - p))};
 *   <li>the score estimates {@code q} from {@code n} observations: {@code score =
 *       sigmoid(logit(q) + e / sqrt(n q (1 - q)))}, {@code e ~ N(0, 1)}, the large-sample
 *       (delta-method) distribution of the logit of a binomial proportion;
 *   <li>uncertainty {@code = 1 / sqrt(n)}, the scale of that estimate's standard error;
 *   <li>label {@code y ~ Bernoulli(p)}: validation and test follow the natural distribution.
 * </ol>
 *
 * Defaults: {@code a = b = 1}, the uniform (Bayes–Laplace) prior, no preference for low or high
 * rates; {@code nMin = 1, nMax = 1000}: evidence per item is long-tailed in feedback data (many
 * items seen once, a few seen thousands of times) and a log-uniform law spreads examples evenly
 * over those three orders of magnitude; {@code r = 0.25}: negative downsampling as practised when
 * training click and conversion models (He et al. 2014, "Practical Lessons from Predicting Clicks
 * on Ads at Facebook"), at a moderate rate.
 */
public record SyntheticGenerator(double a, double b, int nMin, int nMax, double negativeKeepRate) {
  public SyntheticGenerator {
    Checks.positive("a", a);
    Checks.positive("b", b);
    Checks.atLeast("n_min", nMin, 1);
    if (nMax < nMin) {
      throw new InvalidInputException("n_max", nMax, "expected an integer >= n_min (" + nMin + ")");
    }
    if (!(negativeKeepRate > 0 && negativeKeepRate <= 1)) {
      throw new InvalidInputException("negative_keep_rate", negativeKeepRate, "expected a rate in (0, 1]");
    }
  }

  public static SyntheticGenerator defaults() {
    return new SyntheticGenerator(1, 1, 1, 1000, 0.25);
  }

  /** A generated example with its latent values. */
  public record Example(double trueRate, int evidence, double score, double uncertainty, boolean label) {}

  public Example example(SplittableRandom rnd) {
    double p = Distributions.beta(rnd, a, b);
    int n = (int) Math.floor(Math.exp(Math.log(nMin) + rnd.nextDouble() * (Math.log(nMax + 1.0) - Math.log(nMin))));
    n = Math.min(nMax, Math.max(nMin, n));
    double q = p / (p + negativeKeepRate * (1 - p));
    q = Math.min(1 - 1e-9, Math.max(1e-9, q));
    double z = Math.log(q / (1 - q)) + Distributions.normal(rnd) / Math.sqrt(n * q * (1 - q));
    double score = 1 / (1 + Math.exp(-z));
    boolean y = rnd.nextDouble() < p;
    return new Example(p, n, score, 1 / Math.sqrt(n), y);
  }

  /** {@code size} examples from {@code seed}. */
  public ScoredSet generate(int size, long seed) {
    Checks.atLeast("size", size, 1);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] s = new double[size];
    double[] u = new double[size];
    boolean[] y = new boolean[size];
    for (int i = 0; i < size; i++) {
      Example e = example(rnd);
      s[i] = e.score();
      u[i] = e.uncertainty();
      y[i] = e.label();
    }
    return new ScoredSet(s, u, y);
  }

  /**
   * The same examples as feature rows for a classifier: the noisy estimate and {@code ln n}
   * (columns {@code noisy_rate}, {@code log_evidence}); a model trained on them learns score and
   * uncertainty itself.
   */
  public FeatureTable features(int size, long seed) {
    Checks.atLeast("size", size, 1);
    SplittableRandom rnd = new SplittableRandom(seed);
    float[][] x = new float[size][];
    boolean[] y = new boolean[size];
    for (int i = 0; i < size; i++) {
      Example e = example(rnd);
      x[i] = new float[] {(float) e.score(), (float) Math.log(e.evidence())};
      y[i] = e.label();
    }
    return new FeatureTable(x, y, java.util.List.of("noisy_rate", "log_evidence"));
  }

  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", a);
    m.put("b", b);
    m.put("n_min", nMin);
    m.put("n_max", nMax);
    m.put("negative_keep_rate", negativeKeepRate);
    return m;
  }
}
