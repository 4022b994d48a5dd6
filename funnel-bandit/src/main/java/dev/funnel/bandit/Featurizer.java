package dev.funnel.bandit;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a (context, action) pair into the joint feature vector every policy scores. One code
 * path serves decisions, updates and off-policy evaluation.
 *
 * <p>Context vector {@code c}: a bias 1; {@code min(1, ln(1+len)/ln(1+32))} for the query
 * length (32 tokens saturates: longer queries are rare in search logs); a one-hot of the intent
 * over {@code intents} plus one slot for any other or missing intent; hour-of-day and
 * day-of-week as (sin, cos) pairs in UTC (all four 0 when the time is unknown), so 23:00 is next
 * to 00:00; and, when {@code segments} is non-empty, a one-hot of the segment plus an "other"
 * slot.
 *
 * <p>Action vector {@code u}: a bias 1; for each strategy, whether it runs (0/1) and its log
 * budget {@code ln(1+b)/ln(1+maxBudget)}; the total cost {@code total/maxTotal}.
 *
 * <p>Joint vector: {@code vec(c ⊗ u)} (every context feature times every action feature, which
 * contains {@code c} and {@code u} themselves through the two biases) followed by, for each
 * strategy, its decayed mean reward share from {@link StrategyStats} when the action runs it.
 */
public final class Featurizer {
  private static final double LENGTH_SATURATION = Math.log1p(32);

  private final ActionSpace space;
  private final List<String> intents;
  private final List<String> segments;
  private final StrategyStats stats;
  private final int contextDim;
  private final int actionDim;

  public Featurizer(ActionSpace space, List<String> intents, List<String> segments, StrategyStats stats) {
    this.space = space;
    this.intents = List.copyOf(intents);
    this.segments = List.copyOf(segments);
    this.stats = stats;
    this.contextDim = 1 + 1 + (this.intents.size() + 1) + 4 + (this.segments.isEmpty() ? 0 : this.segments.size() + 1);
    this.actionDim = 1 + 2 * space.strategies().size() + 1;
  }

  public ActionSpace space() {
    return space;
  }

  public List<String> intents() {
    return intents;
  }

  public List<String> segments() {
    return segments;
  }

  public StrategyStats stats() {
    return stats;
  }

  /** Length of the joint vector. */
  public int dimension() {
    return contextDim * actionDim + space.strategies().size();
  }

  /** The context vector {@code c}. */
  public double[] context(BanditContext ctx) {
    double[] c = new double[contextDim];
    int k = 0;
    c[k++] = 1;
    c[k++] = Math.min(1, Math.log1p(ctx.queryLength()) / LENGTH_SATURATION);
    int intent = ctx.intent() == null ? -1 : intents.indexOf(ctx.intent());
    c[k + (intent < 0 ? intents.size() : intent)] = 1;
    k += intents.size() + 1;
    if (ctx.time() != null) {
      ZonedDateTime t = ctx.time().atZone(ZoneOffset.UTC);
      double hour = t.getHour() + t.getMinute() / 60.0;
      double day = t.getDayOfWeek().getValue() - 1 + hour / 24;
      c[k] = Math.sin(2 * Math.PI * hour / 24);
      c[k + 1] = Math.cos(2 * Math.PI * hour / 24);
      c[k + 2] = Math.sin(2 * Math.PI * day / 7);
      c[k + 3] = Math.cos(2 * Math.PI * day / 7);
    }
    k += 4;
    if (!segments.isEmpty()) {
      int seg = ctx.segment() == null ? -1 : segments.indexOf(ctx.segment());
      c[k + (seg < 0 ? segments.size() : seg)] = 1;
    }
    return c;
  }

  /** The action vector {@code u}. */
  public double[] action(Action a) {
    double[] u = new double[actionDim];
    List<String> strategies = space.strategies();
    double logMax = Math.log1p(space.maxBudget());
    u[0] = 1;
    for (int s = 0; s < strategies.size(); s++) {
      int b = a.budget(strategies.get(s));
      u[1 + 2 * s] = b > 0 ? 1 : 0;
      u[2 + 2 * s] = Math.log1p(b) / logMax;
    }
    u[actionDim - 1] = (double) a.totalCandidates() / space.maxTotal();
    return u;
  }

  /** The joint vector of one action in one context. */
  public double[] joint(BanditContext ctx, Action a) {
    return joint(context(ctx), a, stats.means());
  }

  /** Joint vectors of all {@code actions} in one context (rows in the order given). */
  public double[][] joint(BanditContext ctx, List<Action> actions) {
    double[] c = context(ctx);
    double[] perf = stats.means();
    double[][] x = new double[actions.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = joint(c, actions.get(i), perf);
    }
    return x;
  }

  /**
   * The joint vectors of all {@code actions} in one context as their non-zero entries: the
   * entries of {@link #joint(BanditContext, List)} that are not 0, with the same values, computed
   * without the dense rows.
   */
  public JointFeatures jointFeatures(BanditContext ctx, List<Action> actions) {
    double[] c = context(ctx);
    double[] perf = stats.means();
    List<String> strategies = space.strategies();
    int[] cNonZero = new int[c.length];
    int cn = 0;
    for (int i = 0; i < c.length; i++) {
      if (c[i] != 0) {
        cNonZero[cn++] = i;
      }
    }
    int n = actions.size();
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    int[] idx = new int[dimension()];
    double[] val = new double[dimension()];
    for (int r = 0; r < n; r++) {
      Action a = actions.get(r);
      double[] u = action(a);
      int k = 0;
      for (int t = 0; t < cn; t++) {
        int i = cNonZero[t];
        double ci = c[i];
        int base = i * actionDim;
        for (int j = 0; j < actionDim; j++) {
          double x = ci * u[j];
          if (x != 0) {
            idx[k] = base + j;
            val[k++] = x;
          }
        }
      }
      int base = contextDim * actionDim;
      for (int s = 0; s < strategies.size(); s++) {
        double x = a.budget(strategies.get(s)) > 0 ? perf[s] : 0;
        if (x != 0) {
          idx[k] = base + s;
          val[k++] = x;
        }
      }
      indices[r] = java.util.Arrays.copyOf(idx, k);
      values[r] = java.util.Arrays.copyOf(val, k);
    }
    return new JointFeatures(this, c, perf, List.copyOf(actions), indices, values);
  }

  double[] joint(double[] c, Action a, double[] perf) {
    double[] u = action(a);
    double[] x = new double[dimension()];
    int k = 0;
    for (double ci : c) {
      for (double uj : u) {
        x[k++] = ci * uj;
      }
    }
    List<String> strategies = space.strategies();
    for (int s = 0; s < strategies.size(); s++) {
      x[k++] = a.budget(strategies.get(s)) > 0 ? perf[s] : 0;
    }
    return x;
  }

  /** Human-readable names of the joint features, for explanations. */
  public List<String> names() {
    List<String> cn = new ArrayList<>(List.of("bias", "query_length"));
    intents.forEach(i -> cn.add("intent=" + i));
    cn.add("intent=other");
    cn.addAll(List.of("hour_sin", "hour_cos", "dow_sin", "dow_cos"));
    if (!segments.isEmpty()) {
      segments.forEach(s -> cn.add("segment=" + s));
      cn.add("segment=other");
    }
    List<String> un = new ArrayList<>(List.of("bias"));
    for (String s : space.strategies()) {
      un.add("run:" + s);
      un.add("log_budget:" + s);
    }
    un.add("total_cost");
    List<String> out = new ArrayList<>();
    for (String c : cn) {
      for (String u : un) {
        out.add(c + "*" + u);
      }
    }
    space.strategies().forEach(s -> out.add("perf:" + s));
    return out;
  }
}
