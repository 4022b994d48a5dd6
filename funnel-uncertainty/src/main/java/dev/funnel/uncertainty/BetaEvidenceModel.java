package dev.funnel.uncertainty;

import java.util.HashMap;
import java.util.Map;

/**
 * Scores keys by the Beta posterior of their observed rate: positives and trials counted per key
 * on training data, the prior fitted over all keys ({@link BetaPosterior#fit}). An unseen key gets
 * the prior itself (the largest uncertainty).
 */
public final class BetaEvidenceModel implements UncertaintyModel<String> {
  /** Prior strength used when the keys show no rate variance beyond binomial noise. */
  public static final double FALLBACK_STRENGTH = 2;

  private final Map<String, long[]> counts;
  private final BetaPosterior prior;

  private BetaEvidenceModel(Map<String, long[]> counts, BetaPosterior prior) {
    this.counts = counts;
    this.prior = prior;
  }

  /** Counts {@code labels[i]} under {@code keys[i]} and fits the prior. */
  public static BetaEvidenceModel fit(String[] keys, boolean[] labels) {
    Map<String, long[]> counts = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      long[] c = counts.computeIfAbsent(keys[i], k -> new long[2]);
      c[0] += labels[i] ? 1 : 0;
      c[1]++;
    }
    long[] pos = new long[counts.size()];
    long[] tri = new long[counts.size()];
    int j = 0;
    for (long[] c : counts.values()) {
      pos[j] = c[0];
      tri[j++] = c[1];
    }
    return new BetaEvidenceModel(counts, BetaPosterior.fit(pos, tri, FALLBACK_STRENGTH));
  }

  public BetaPosterior prior() {
    return prior;
  }

  public int keys() {
    return counts.size();
  }

  @Override
  public String name() {
    return "beta_posterior";
  }

  @Override
  public Estimate estimate(String key) {
    long[] c = counts.getOrDefault(key, new long[2]);
    return prior.posterior(c[0], c[1]);
  }
}
