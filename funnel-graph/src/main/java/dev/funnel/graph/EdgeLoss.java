package dev.funnel.graph;

/**
 * The asymmetric BLADE loss for one training edge u -> v, with {@code s} = source and {@code t} =
 * target embeddings and softplus(x) = log(1 + e^x):
 *
 * <pre>
 *   L = softplus(-s_u.t_v)                       edge scored high
 *     + sum_k softplus(s_u.t_{n_k})              random negatives scored low
 *     + lambda * [v -> u not an edge] softplus(s_v.t_u)   reverse direction scored low
 * </pre>
 *
 * (Virinchi et al., WSDM 2023, section 4: positive, negative and reverse terms.) With one role
 * (symmetric model) s = t. Forward and backward in one pass; gradients go into a
 * {@link Gradients}.
 */
final class EdgeLoss {
  private EdgeLoss() {}

  /**
   * Returns the loss; {@code nu}, {@code nv}, {@code negs[0..k)} hold sampled neighbourhoods (with
   * aggregates) of u, v and the negatives. {@code reverse} says whether the reverse term applies.
   */
  static double lossAndGradient(DualGnn m, Neighbourhood nu, Neighbourhood nv, Neighbourhood[] negs, int k,
      double reverse, Gradients grad) {
    int dim = m.dim;
    int sr = m.arch.sourceRole();
    int tr = m.arch.targetRole();
    m.embed(nu, sr);
    m.embed(nv, tr);
    float[] su = nu.emb[sr].clone();
    float[] tv = nv.emb[tr].clone();
    float[] gsu = new float[dim];
    float[] g = new float[dim];
    double x = dot(su, tv);
    double loss = softplus(-x);
    double c = sigmoid(x) - 1;
    axpy(gsu, c, tv);
    scaleInto(g, c, su);
    if (grad != null) {
      m.backward(nv, tr, g, grad);
    }
    for (int i = 0; i < k; i++) {
      Neighbourhood nn = negs[i];
      m.embed(nn, tr);
      float[] tn = nn.emb[tr];
      double y = dot(su, tn);
      loss += softplus(y);
      double cn = sigmoid(y);
      axpy(gsu, cn, tn);
      if (grad != null) {
        scaleInto(g, cn, su);
        m.backward(nn, tr, g, grad);
      }
    }
    if (reverse > 0) {
      m.embed(nv, sr);
      float[] sv = nv.emb[sr].clone();
      m.embed(nu, tr);
      float[] tu = nu.emb[tr];
      double z = dot(sv, tu);
      loss += reverse * softplus(z);
      double cr = reverse * sigmoid(z);
      if (grad != null) {
        scaleInto(g, cr, sv);
        m.backward(nu, tr, g, grad); // activations of (u, target) are current
        scaleInto(g, cr, tu);
        m.backward(nv, sr, g, grad); // activations of (v, source) are current

      }
    }
    if (grad != null) {
      m.embed(nu, sr); // activations of (u, source) may be overwritten when roles coincide
      m.backward(nu, sr, gsu, grad);
    }
    return loss;
  }

  static double dot(float[] a, float[] b) {
    return Vectors.dot(a, 0, b, 0, a.length);
  }

  private static void axpy(float[] y, double a, float[] x) {
    float af = (float) a;
    for (int i = 0; i < y.length; i++) {
      y[i] += af * x[i];
    }
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
