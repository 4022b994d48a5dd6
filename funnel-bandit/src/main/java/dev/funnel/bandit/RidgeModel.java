package dev.funnel.bandit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;

/**
 * Online ridge regression {@code θ = A⁻¹ b}, {@code A = λI + Σ x xᵀ}, {@code b = Σ r x}, with
 * {@code A⁻¹} kept up to date by the Sherman-Morrison formula
 * {@code (A + x xᵀ)⁻¹ = A⁻¹ − (A⁻¹x)(A⁻¹x)ᵀ / (1 + xᵀA⁻¹x)} in O(d²) per observation. The same
 * quantities give LinUCB's confidence width {@code sqrt(xᵀA⁻¹x)} and the Gaussian posterior
 * {@code N(θ, v²A⁻¹)} of Bayesian linear regression. Reads may run concurrently with each other; owners serialise updates against reads.
 */
public final class RidgeModel {
  private final int dim;
  private final double lambda;
  private final double[][] ainv;
  private final double[] b;
  private final double[] theta;
  private long observations;
  private volatile double[][] cholesky;

  public RidgeModel(int dim, double lambda) {
    this.dim = Checks.atLeast("dimension", dim, 1);
    this.lambda = Checks.positive("ridge_lambda", lambda);
    this.ainv = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      ainv[i][i] = 1 / lambda;
    }
    this.b = new double[dim];
    this.theta = new double[dim];
  }

  /**
   * The model fitted in one batch from the normal-equation sums {@code G = Σ x xᵀ} and {@code
   * b = Σ r x} of {@code observations} rows: {@code A = λI + G} is inverted by its Cholesky
   * factor. In exact arithmetic it equals the model {@link #update}d with the same rows one by
   * one; the sums can be added up by parts (partitions of a distributed job).
   */
  public static RidgeModel ofSums(double[][] gram, double[] xty, double lambda, long observations) {
    int dim = xty.length;
    RidgeModel m = new RidgeModel(dim, lambda);
    if (gram.length != dim) {
      throw new InvalidInputException("gram", gram.length, "expected " + dim + " rows (the length of b)");
    }
    double[][] l = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      if (gram[i].length != dim) {
        throw new InvalidInputException("gram[" + i + "]", gram[i].length, "expected " + dim + " values");
      }
      for (int j = 0; j <= i; j++) {
        double s = 0.5 * (gram[i][j] + gram[j][i]) + (i == j ? lambda : 0);
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new InvalidInputException("gram[" + i + "][" + i + "]", gram[i][i], "expected a positive semi-definite Gram matrix");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    // A⁻¹ column by column: L y = e_c, then Lᵀ z = y.
    for (int c = 0; c < dim; c++) {
      double[] y = new double[dim];
      for (int i = 0; i < dim; i++) {
        double s = i == c ? 1 : 0;
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * y[k];
        }
        y[i] = s / l[i][i];
      }
      for (int i = dim - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < dim; k++) {
          s -= l[k][i] * m.ainv[k][c];
        }
        m.ainv[i][c] = s / l[i][i];
      }
    }
    for (int i = 0; i < dim; i++) {
      m.b[i] = Checks.finite("b[" + i + "]", xty[i]);
    }
    for (int i = 0; i < dim; i++) {
      m.theta[i] = dot(m.ainv[i], m.b);
    }
    m.observations = observations;
    return m;
  }

  public int dimension() {
    return dim;
  }

  public long observations() {
    return observations;
  }

  /** {@code θᵀx}. */
  public double mean(double[] x) {
    return dot(theta, x);
  }

  /**
   * {@code θᵀx} of row {@code row} of {@code x}, over its non-zero entries: the same sum as {@link
   * #mean(double[])} of the dense row.
   */
  public double mean(JointFeatures x, int row) {
    check(x);
    int[] idx = x.indices(row);
    double[] val = x.values(row);
    double s = 0;
    for (int t = 0; t < idx.length; t++) {
      s += theta[idx[t]] * val[t];
    }
    return s;
  }

  /**
   * {@code xᵀA⁻¹x} of row {@code row} of {@code x}, over its non-zero entries: the same sums in
   * the same order as {@link #variance(double[])} of the dense row.
   */
  public double variance(JointFeatures x, int row) {
    check(x);
    int[] nz = x.indices(row);
    double[] val = x.values(row);
    int k = nz.length;
    double s = 0;
    for (int a = 0; a < k; a++) {
      double[] r0 = ainv[nz[a]];
      double r = 0;
      for (int b = 0; b < k; b++) {
        r += r0[nz[b]] * val[b];
      }
      s += val[a] * r;
    }
    return Math.max(0, s);
  }

  /** {@code xᵀA⁻¹x}. */
  public double variance(double[] x) {
    // Joint features are sparse (one-hot intents, strategies not run): sum over non-zeros only.
    int[] nz = new int[dim];
    int k = 0;
    for (int i = 0; i < dim; i++) {
      if (x[i] != 0) {
        nz[k++] = i;
      }
    }
    double s = 0;
    for (int a = 0; a < k; a++) {
      double[] row = ainv[nz[a]];
      double r = 0;
      for (int b = 0; b < k; b++) {
        r += row[nz[b]] * x[nz[b]];
      }
      s += x[nz[a]] * r;
    }
    return Math.max(0, s);
  }

  public void update(double[] x, double reward) {
    check(x);
    Checks.finite("reward", reward);
    double[] u = new double[dim];
    for (int i = 0; i < dim; i++) {
      u[i] = dot(ainv[i], x);
    }
    double denom = 1 + dot(x, u);
    for (int i = 0; i < dim; i++) {
      double ui = u[i] / denom;
      if (ui != 0) {
        double[] row = ainv[i];
        for (int j = 0; j < dim; j++) {
          row[j] -= ui * u[j];
        }
      }
    }
    for (int i = 0; i < dim; i++) {
      b[i] += reward * x[i];
    }
    for (int i = 0; i < dim; i++) {
      theta[i] = dot(ainv[i], b);
    }
    observations++;
    cholesky = null;
  }

  /** One draw from {@code N(θ, v²A⁻¹)} using standard normals from {@code rng}. */
  public double[] sample(double v, java.util.SplittableRandom rng) {
    double[][] l = cholesky();
    double[] z = new double[dim];
    for (int i = 0; i < dim; i++) {
      z[i] = rng.nextGaussian();
    }
    double[] w = theta.clone();
    for (int i = 0; i < dim; i++) {
      double s = 0;
      double[] li = l[i];
      for (int j = 0; j <= i; j++) {
        s += li[j] * z[j];
      }
      w[i] += v * s;
    }
    return w;
  }

  private double[][] cholesky() {
    double[][] ready = cholesky;
    return ready != null ? ready : computeCholesky();
  }

  private synchronized double[][] computeCholesky() {
    if (cholesky == null) {
      double[][] l = new double[dim][dim];
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j <= i; j++) {
          double s = 0.5 * (ainv[i][j] + ainv[j][i]);
          for (int k = 0; k < j; k++) {
            s -= l[i][k] * l[j][k];
          }
          if (i == j) {
            // Rounding in the rank-one downdates can leave a tiny negative pivot: clamp it.
            l[i][i] = Math.sqrt(Math.max(s, 1e-12 / lambda));
          } else {
            l[i][j] = s / l[j][j];
          }
        }
      }
      cholesky = l;
    }
    return cholesky;
  }

  private void check(JointFeatures x) {
    if (x.dimension() != dim) {
      throw new InvalidInputException("features", x.dimension(), "expected vectors of length " + dim);
    }
  }

  private void check(double[] x) {
    if (x.length != dim) {
      throw new InvalidInputException("features", x.length, "expected a vector of length " + dim);
    }
  }

  static double dot(double[] a, double[] x) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * x[i];
    }
    return s;
  }

  public ObjectNode snapshot() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("dimension", dim);
    n.put("lambda", lambda);
    n.put("observations", observations);
    ArrayNode a = n.putArray("a_inverse");
    for (double[] row : ainv) {
      ArrayNode r = a.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    ArrayNode bb = n.putArray("b");
    for (double v : b) {
      bb.add(v);
    }
    return n;
  }

  public static RidgeModel restore(JsonNode n) {
    if (n == null || !n.has("dimension") || !n.has("a_inverse") || !n.has("b")) {
      throw new InvalidInputException("model", n == null ? null : n.toString(), "expected dimension, lambda, a_inverse and b");
    }
    RidgeModel m = new RidgeModel(n.get("dimension").asInt(), n.get("lambda").asDouble());
    JsonNode a = n.get("a_inverse");
    if (a.size() != m.dim || n.get("b").size() != m.dim) {
      throw new InvalidInputException("model.a_inverse", a.size(), "expected " + m.dim + " rows");
    }
    for (int i = 0; i < m.dim; i++) {
      if (a.get(i).size() != m.dim) {
        throw new InvalidInputException("model.a_inverse[" + i + "]", a.get(i).size(), "expected " + m.dim + " values");
      }
      for (int j = 0; j < m.dim; j++) {
        m.ainv[i][j] = a.get(i).get(j).asDouble();
      }
      m.b[i] = n.get("b").get(i).asDouble();
    }
    for (int i = 0; i < m.dim; i++) {
      m.theta[i] = dot(m.ainv[i], m.b);
    }
    m.observations = n.path("observations").asLong(0);
    return m;
  }
}
