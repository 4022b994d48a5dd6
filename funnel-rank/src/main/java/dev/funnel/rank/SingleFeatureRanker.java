package dev.funnel.rank;

import dev.funnel.core.InvalidInputException;
import java.util.List;

/** Ranks by one feature's value (e.g. one strategy's score): a baseline for any learned ranker. */
public final class SingleFeatureRanker implements Ranker {
  private final FeatureSchema schema;
  private final int column;

  public SingleFeatureRanker(FeatureSchema schema, String feature) {
    this.schema = schema;
    this.column = schema.indexOf(feature);
    if (column < 0) {
      throw new InvalidInputException("feature", feature, "expected one of the schema's features");
    }
  }

  @Override
  public FeatureSchema schema() {
    return schema;
  }

  @Override
  public String name() {
    return "feature:" + schema.names().get(column);
  }

  @Override
  public double[] score(List<float[]> rows) {
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      schema.requireRow(rows.get(i), "rows[" + i + "]");
      out[i] = rows.get(i)[column];
    }
    return out;
  }

  @Override
  public List<Explanation> explain(List<float[]> rows) {
    double[] s = score(rows);
    String f = schema.names().get(column);
    return java.util.stream.IntStream.range(0, s.length)
        .mapToObj(i -> new Explanation(0, List.of(new Explanation.Contribution(f, s[i], s[i]))))
        .toList();
  }
}
