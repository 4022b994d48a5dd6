package dev.funnel.rank;

import dev.funnel.ml.GbmModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A LambdaMART model (LightGBM {@code lambdarank}) over a feature schema, with its provenance.
 * Explanations are TreeSHAP contributions computed by LightGBM. Thread-safe. The native model is
 * reference counted ({@link GbmModel}): {@link #close()} gives up the owner's reference, and the
 * model is freed once every request that {@linkplain #retain() retained} it has released it.
 */
public final class LambdaMartRanker implements Ranker, AutoCloseable {
  private final FeatureSchema schema;
  private final GbmModel model;
  private final ModelProvenance provenance;

  public LambdaMartRanker(FeatureSchema schema, GbmModel model, ModelProvenance provenance) {
    if (model.featureCount() != schema.size()) {
      throw new IllegalArgumentException("model: has " + model.featureCount() + " features, schema has " + schema.size());
    }
    this.schema = schema;
    this.model = model;
    this.provenance = provenance;
  }

  @Override
  public FeatureSchema schema() {
    return schema;
  }

  @Override
  public String name() {
    return "lambdamart";
  }

  public ModelProvenance provenance() {
    return provenance;
  }

  /** The LightGBM model text (without Funnel's provenance; see {@link RankerFile}). */
  String modelText() {
    return model.serialize();
  }

  @Override
  public double[] score(List<float[]> rows) {
    return model.predict(matrix(rows));
  }

  @Override
  public List<Explanation> explain(List<float[]> rows) {
    float[][] m = matrix(rows);
    double[][] c = model.contributions(m);
    List<Explanation> out = new ArrayList<>(rows.size());
    for (int i = 0; i < m.length; i++) {
      List<Explanation.Contribution> list = new ArrayList<>(schema.size());
      for (int j = 0; j < schema.size(); j++) {
        list.add(new Explanation.Contribution(schema.names().get(j), m[i][j], c[i][j]));
      }
      out.add(new Explanation(c[i][schema.size()], list));
    }
    return out;
  }

  /** Gain importance per feature name, in schema order. */
  public java.util.Map<String, Double> importance() {
    double[] g = model.importance();
    java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < g.length; i++) {
      out.put(schema.names().get(i), g[i]);
    }
    return out;
  }

  private float[][] matrix(List<float[]> rows) {
    float[][] m = new float[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      schema.requireRow(rows.get(i), "rows[" + i + "]");
      m[i] = rows.get(i);
    }
    return m;
  }

  @Override
  public boolean retain() {
    return model.retain();
  }

  @Override
  public void release() {
    model.release();
  }

  @Override
  public void close() {
    model.close();
  }
}
