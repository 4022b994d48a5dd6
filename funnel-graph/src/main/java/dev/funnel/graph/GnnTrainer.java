package dev.funnel.graph;

import dev.funnel.core.util.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mini-batch training of a {@link DualGnn} on CPU. Each epoch shuffles the training edges; each
 * batch is split into {@code threads} equal shares, every worker computes the gradient of its
 * share (sampling neighbourhoods and negatives with its own seeded random source), the gradients
 * are summed in a fixed order and one Adagrad step is taken. So a run is reproducible for a given
 * seed and thread count. After every epoch the final embeddings are built and, when validation
 * edges exist, scored by validation MRR; the best epoch's embeddings are kept and training stops
 * after {@code patience} epochs without improvement.
 */
public final class GnnTrainer {
  /** At most this many validation edges are ranked per epoch (keeps early stopping cheap). */
  static final int VALIDATION_LIMIT = 2000;
  /**
   * Consecutive edges of a worker that share one draw of random negatives: their target
   * embeddings are computed once for 8 edges instead of once per edge, which halves the cost of
   * an edge with 5 negatives.
   */
  static final int NEGATIVE_GROUP = 8;

  private GnnTrainer() {}

  /**
   * What training produced. {@code validationMrr} has one entry per epoch (empty without
   * validation); {@code seconds} is the whole run, {@code batchSeconds} the optimisation steps only
   * (without building embeddings and validating).
   */
  public record Result(DualEmbeddings embeddings, int epochs, int bestEpoch, double bestValidationMrr,
      List<Double> validationMrr, double seconds, long batches, double batchSeconds, double batchCpuSeconds) {}

  public static Result train(Graph g, GnnConfig cfg, EdgeSample validation, long seed, boolean progress) {
    return train(g, cfg, validation, seed, progress, Long.MAX_VALUE);
  }

  /** As {@link #train(Graph, GnnConfig, EdgeSample, long, boolean)}, stopping after {@code batchLimit} batches. */
  public static Result train(Graph g, GnnConfig cfg, EdgeSample validation, long seed, boolean progress,
      long batchLimit) {
    long start = System.nanoTime();
    SplittableRandom root = new SplittableRandom(seed);
    DualGnn model = new DualGnn(cfg.architecture(), g.nodeCount(), cfg.dim(), root.split());
    model.useTransposed();
    NeighbourSampler sampler = new NeighbourSampler(g, cfg.sampling());
    Adagrad opt = new Adagrad(model, cfg.learningRate());
    int[] src = g.edgeSources();
    int[] dst = g.edgeTargets();
    boolean[] reverse = new boolean[src.length];
    for (int e = 0; e < src.length; e++) {
      reverse[e] = cfg.reverseWeight() > 0 && !g.hasEdge(dst[e], src[e]);
    }
    int m = src.length;
    double[] scale = cfg.weightedEdges() ? weightScale(g.edgeWeights()) : null;
    int threads = cfg.threads();
    Worker[] workers = new Worker[threads];
    Gradients[] grads = new Gradients[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Worker(model, sampler, cfg);
      grads[t] = workers[t].grad;
    }
    long batchesPerEpoch = (m + cfg.batchSize() - 1) / cfg.batchSize();
    long total = Math.min(batchLimit, batchesPerEpoch * cfg.maxEpochs());
    List<Double> history = new ArrayList<>();
    DualEmbeddings best = null;
    double bestMrr = Double.NEGATIVE_INFINITY;
    int bestEpoch = 0;
    int epoch = 0;
    long batches = 0;
    long batchNanos = 0;
    long batchCpu = 0;
    long inferenceSeed = root.nextLong();
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread th = new Thread(r, "blade-worker");
      th.setDaemon(true);
      return th;
    }) : null;
    try (Progress bar = new Progress("train " + cfg.architecture().name().toLowerCase(java.util.Locale.ROOT),
        progress ? total : 0)) {
      int[] order = new int[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      while (epoch < cfg.maxEpochs() && batches < batchLimit) {
        epoch++;
        SplittableRandom epochRng = root.split();
        shuffle(order, epochRng);
        for (int b0 = 0; b0 < m && batches < batchLimit; b0 += cfg.batchSize()) {
          int b1 = Math.min(m, b0 + cfg.batchSize());
          long batchSeed = epochRng.nextLong();
          long tb = System.nanoTime();
          long cb = BladeTraining.cpuNanos();
          runBatch(workers, pool, order, b0, b1, src, dst, reverse, scale, batchSeed);
          inParallel(pool, threads, t -> {
            for (int w = 0; w < threads; w++) {
              opt.applyRows(model, grads, threads, w * threads + t, workers[t].scratch);
            }
          });
          opt.applyDense(model, grads);
          model.refreshTransposed();
          batchNanos += System.nanoTime() - tb;
          batchCpu += BladeTraining.cpuNanos() - cb;
          batches++;
          bar.advance(1);
        }
        boolean last = epoch == cfg.maxEpochs() || batches >= batchLimit;
        if (validation.size() > 0 || last) {
          DualEmbeddings emb = infer(model, sampler, cfg, inferenceSeed, pool);
          if (validation.size() == 0) {
            best = emb;
            bestEpoch = epoch;
          } else {
            double mrr = LinkRanking.mrr(emb, validation, g, VALIDATION_LIMIT);
            history.add(mrr);
            if (mrr > bestMrr) {
              bestMrr = mrr;
              best = emb;
              bestEpoch = epoch;
            } else if (epoch - bestEpoch >= cfg.patience()) {
              break;
            }
          }
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return new Result(best, epoch, bestEpoch, validation.size() == 0 ? Double.NaN : bestMrr, List.copyOf(history),
        (System.nanoTime() - start) / 1e9, batches, batchNanos / 1e9, batchCpu / 1e9);
  }

  private static void runBatch(Worker[] workers, ExecutorService pool, int[] order, int b0, int b1, int[] src,
      int[] dst, boolean[] reverse, double[] scale, long batchSeed) {
    int threads = workers.length;
    int share = (b1 - b0 + threads - 1) / threads;
    inParallel(pool, threads, t -> {
      int lo = Math.min(b1, b0 + t * share);
      int hi = Math.min(b1, lo + share);
      long s = batchSeed + 0x9E3779B97F4A7C15L * t;
      workers[t].run(order, lo, hi, src, dst, reverse, scale, s);
    });
  }

  /**
   * Runs {@code task} for 0..parts-1: part 0 on the calling thread, the others on the pool (which
   * has parts - 1 threads), and returns when all are done.
   */
  static void inParallel(ExecutorService pool, int parts, java.util.function.IntConsumer task) {
    List<Future<?>> futures = new ArrayList<>(parts - 1);
    for (int t = 1; t < parts; t++) {
      int part = t;
      futures.add(pool.submit(() -> task.accept(part)));
    }
    task.accept(0);
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("training interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("training worker failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * Per-edge loss scale from edge weights (counts): {@code 1 + ln w} (so a count of 1 gives 1 and
   * a count of e^2 gives 3: diminishing returns, one heavy pair cannot dominate), divided by its
   * mean over the edges so the loss keeps its overall size and the learning rate its meaning.
   */
  static double[] weightScale(float[] w) {
    double[] s = new double[w.length];
    double sum = 0;
    for (int e = 0; e < w.length; e++) {
      s[e] = 1 + Math.log(Math.max(1.0, w[e]));
      sum += s[e];
    }
    double mean = w.length == 0 ? 1 : sum / w.length;
    for (int e = 0; e < w.length; e++) {
      s[e] /= mean;
    }
    return s;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Final embeddings of every node with {@code inferenceWalks} times the training walks; node u's
   * sample uses a random source seeded by (seed, u), so the result does not depend on threads.
   */
  static DualEmbeddings infer(DualGnn model, NeighbourSampler sampler, GnnConfig cfg, long seed,
      ExecutorService pool) {
    int n = model.n;
    int dim = model.dim;
    float[] source = new float[n * dim];
    float[] target = model.arch.roles() == 1 ? source : new float[n * dim];
    int parts = pool == null ? 1 : cfg.threads();
    int share = (n + parts - 1) / parts;
    List<Future<?>> futures = new ArrayList<>();
    for (int p = 1; p < parts; p++) {
      int lo = Math.min(n, p * share);
      int hi = Math.min(n, lo + share);
      futures.add(pool.submit(() -> inferRange(model, sampler, cfg, seed, lo, hi, source, target)));
    }
    inferRange(model, sampler, cfg, seed, 0, Math.min(n, share), source, target);
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("inference interrupted", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("inference failed: " + e.getCause(), e.getCause());
      }
    }
    return new DualEmbeddings(n, dim, source, target);
  }

  private static void inferRange(DualGnn model, NeighbourSampler sampler, GnnConfig cfg, long seed, int lo, int hi,
      float[] source, float[] target) {
    Neighbourhood nb = model.workspace(sampler.capacity(cfg.inferenceWalks()));
    int dim = model.dim;
    int sr = model.arch.sourceRole();
    int tr = model.arch.targetRole();
    for (int u = lo; u < hi; u++) {
      model.sample(nb, u, sampler, cfg.inferenceWalks(), new SplittableRandom(seed ^ (u * 0x9E3779B97F4A7C15L)));
      model.embed(nb, sr);
      System.arraycopy(nb.emb[sr], 0, source, u * dim, dim);
      if (tr != sr) {
        model.embed(nb, tr);
        System.arraycopy(nb.emb[tr], 0, target, u * dim, dim);
      }
    }
  }

  /** One worker: its buffers and gradient accumulator. */
  private static final class Worker {
    final DualGnn model;
    final NeighbourSampler sampler;
    final GnnConfig cfg;
    final Gradients grad;
    final Neighbourhood[] nus;
    final Neighbourhood[] nvs;
    final Neighbourhood[] negs;
    final float[][] negGrad;
    final double[] rev;
    final double[] scl;
    /** One embedding row for summing a batch's gradient rows ({@link Adagrad#applyRows}). */
    final float[] scratch;

    Worker(DualGnn model, NeighbourSampler sampler, GnnConfig cfg) {
      this.model = model;
      this.sampler = sampler;
      this.cfg = cfg;
      this.grad = new Gradients(model.arch, model.n, model.dim);
      int cap = sampler.capacity(1);
      nus = new Neighbourhood[NEGATIVE_GROUP];
      nvs = new Neighbourhood[NEGATIVE_GROUP];
      for (int i = 0; i < NEGATIVE_GROUP; i++) {
        nus[i] = model.workspace(cap);
        nvs[i] = model.workspace(cap);
      }
      negs = new Neighbourhood[cfg.negatives()];
      for (int i = 0; i < negs.length; i++) {
        negs[i] = model.workspace(cap);
      }
      negGrad = new float[cfg.negatives()][model.dim];
      rev = new double[NEGATIVE_GROUP];
      scl = new double[NEGATIVE_GROUP];
      scratch = new float[model.dim];
    }

    void run(int[] order, int lo, int hi, int[] src, int[] dst, boolean[] reverse, double[] scale, long seed) {
      grad.clear();
      SplittableRandom rng = new SplittableRandom(seed);
      int n = model.n;
      for (int g0 = lo; g0 < hi; g0 += NEGATIVE_GROUP) {
        int count = Math.min(NEGATIVE_GROUP, hi - g0);
        for (int i = 0; i < count; i++) {
          int e = order[g0 + i];
          model.sample(nus[i], src[e], sampler, 1, rng);
          model.sample(nvs[i], dst[e], sampler, 1, rng);
          rev[i] = reverse[e] ? cfg.reverseWeight() : 0;
          scl[i] = scale == null ? 1.0 : scale[e];
        }
        for (Neighbourhood nn : negs) {
          model.sample(nn, rng.nextInt(n), sampler, 1, rng);
        }
        EdgeLoss.groupLoss(model, nus, nvs, count, rev, scale == null ? null : scl, negs, negs.length, grad, negGrad);
      }
    }
  }
}
