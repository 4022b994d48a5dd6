package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The untrained baseline: reciprocal rank fusion over the strategies' ranks, score =
 * sum over strategies that found the item of 1 / (k + rank), read from the {@code <s>.rr}
 * features (rank = 1 / rr). k = 60 as in Cormack, Clarke &amp; Büttcher (SIGIR 2009).
 */
public final class ReciprocalRankFusionRanker implements Ranker {
  /** Cormack et al. 2009 found k = 60 robust across collections. */
  public static final double DEFAULT_K = 60;

  private final FeatureSchema schema;
  private final double k;
  private final int[] rrColumns;

  public ReciprocalRankFusionRanker(FeatureSchema schema, double k) {
    this.schema = schema;
    this.k = Checks.nonNegative("k", k);
    List<Integer> cols = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (schema.names().get(i).endsWith(".rr")) {
        cols.add(i);
      }
    }
    if (cols.isEmpty()) {
      throw new InvalidInputException("schema", schema.names(), "expected at least one <strategy>.rr feature for rank fusion");
    }
    this.rrColumns = cols.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public FeatureSchema schema() {
    return schema;
  }

  @Override
  public String name() {
    return "rrf";
  }

  @Override
  public double[] score(List<float[]> rows) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = total(rows.get(i));
    }
    return out;
  }

  /** {@code explainRow(row).total()} without building the explanation: the same terms summed in the same order from 0. */
  private double total(float[] row) {
    schema.requireRow(row, "row");
    double s = 0;
    for (int col : rrColumns) {
      s += contribution(row[col]);
    }
    return s;
  }

  private double contribution(float rr) {
    return rr > 0 ? 1.0 / (k + 1.0 / rr) : 0;
  }

  @Override
  public List<Explanation> explain(List<float[]> rows) {
    return rows.stream().map(this::explainRow).toList();
  }

  private Explanation explainRow(float[] row) {
    schema.requireRow(row, "row");
    List<Explanation.Contribution> c = new ArrayList<>();
    for (int col : rrColumns) {
      float rr = row[col];
      c.add(new Explanation.Contribution(schema.names().get(col), rr, contribution(rr)));
    }
    return new Explanation(0, c);
  }
}
