package dev.funnel.graph;

/**
 * The asymmetric BLADE loss for training edges u -> v, with {@code s} = source and {@code t} =
 * target embeddings and softplus(x) = log(1 + e^x):
 *
 * <pre>
 *   L(u, v) = softplus(-s_u.t_v)                        edge scored high
 *           + sum_k softplus(s_u.t_{n_k})               random negatives scored low
 *           + lambda * [v -> u not an edge] softplus(s_v.t_u)   reverse direction scored low
 * </pre>
 *
 * (Virinchi et al., WSDM 2023: positive, negative and reverse terms.) With one role (symmetric
 * model) s = t. To save compute, a group of edges shares the same k random negatives (their
 * target embeddings are computed once per group). Forward and backward in one pass.
 */
final class EdgeLoss {
  private EdgeLoss() {}

  /**
   * Loss of a group of edges (u_i -> v_i) sharing negatives {@code negs[0..k)}; all neighbourhoods
   * hold current aggregates. Adds gradients into {@code grad} unless it is null.
   * {@code reverse[i]} is the reverse-term weight of edge i (0 when reciprocal or disabled).
   */
  static double groupLoss(DualGnn m, Neighbourhood[] nus, Neighbourhood[] nvs, int edges, double[] reverse,
      Neighbourhood[] negs, int k, Gradients grad, float[][] negGrad) {
    return groupLoss(m, nus, nvs, edges, reverse, null, negs, k, grad, negGrad);
  }

  /**
   * As above, with edge i's whole loss (edge, negative and reverse terms) multiplied by
   * {@code scale[i]} (its normalised weight; null = 1 for every edge), as if the edge occurred
   * {@code scale[i]} times.
   */
  static double groupLoss(DualGnn m, Neighbourhood[] nus, Neighbourhood[] nvs, int edges, double[] reverse,
      double[] scale, Neighbourhood[] negs, int k, Gradients grad, float[][] negGrad) {
    int tr = m.arch.targetRole();
    for (int i = 0; i < k; i++) {
      m.embed(negs[i], tr);
      java.util.Arrays.fill(negGrad[i], 0f);
    }
    double loss = 0;
    for (int e = 0; e < edges; e++) {
      loss += edgeLoss(m, nus[e], nvs[e], negs, k, reverse[e], scale == null ? 1.0 : scale[e], grad, negGrad);
    }
    if (grad != null) {
      for (int i = 0; i < k; i++) {
        m.backward(negs[i], tr, negGrad[i], grad);
      }
    }
    return loss;
  }

  /** One edge; negatives' target embeddings are current; their gradients are added to negGrad. */
  private static double edgeLoss(DualGnn m, Neighbourhood nu, Neighbourhood nv, Neighbourhood[] negs, int k,
      double reverse, double scale, Gradients grad, float[][] negGrad) {
    int dim = m.dim;
    int sr = m.arch.sourceRole();
    int tr = m.arch.targetRole();
    m.embed(nu, sr);
    m.embed(nv, tr);
    float[] su = nu.emb[sr].clone();
    float[] tv = nv.emb[tr];
    float[] gsu = new float[dim];
    float[] g = new float[dim];
    double x = dot(su, tv);
    double loss = softplus(-x);
    double c = scale * (sigmoid(x) - 1);
    axpy(gsu, c, tv);
    if (grad != null) {
      scaleInto(g, c, su);
      m.backward(nv, tr, g, grad);
    }
    for (int i = 0; i < k; i++) {
      float[] tn = negs[i].emb[tr];
      double y = dot(su, tn);
      loss += softplus(y);
      double cn = scale * sigmoid(y);
      axpy(gsu, cn, tn);
      axpy(negGrad[i], cn, su);
    }
    if (reverse > 0) {
      m.embed(nv, sr);
      float[] sv = nv.emb[sr].clone();
      m.embed(nu, tr);
      float[] tu = nu.emb[tr];
      double z = dot(sv, tu);
      loss += reverse * softplus(z);
      double cr = scale * reverse * sigmoid(z);
      if (grad != null) {
        scaleInto(g, cr, sv);
        m.backward(nu, tr, g, grad); // activations of (u, target) are current
        scaleInto(g, cr, tu);
        m.backward(nv, sr, g, grad); // activations of (v, source) are current
      }
    }
    if (grad != null) {
      // With one shared role, embed(nu, tr) above recomputed the same activations, so they are current.
      m.backward(nu, sr, gsu, grad);
    }
    return scale * loss;
  }

  static double dot(float[] a, float[] b) {
    return Vectors.dot(a, 0, b, 0, a.length);
  }

  private static void axpy(float[] y, double a, float[] x) {
    Kernels.axpy(y, 0, (float) a, x, 0, y.length);
  }

  private static void scaleInto(float[] y, double a, float[] x) {
    float af = (float) a;
    for (int i = 0; i < y.length; i++) {
      y[i] = af * x[i];
    }
  }

  static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
