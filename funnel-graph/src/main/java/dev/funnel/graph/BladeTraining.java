package dev.funnel.graph;

import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a servable BLADE model on a whole graph: 5% of the edges (outside a spanning forest)
 * are held out for early stopping and reported as validation metrics; every node keeps at least
 * one training edge, so every node gets embeddings. The result carries typed provenance (data, configuration, seed, build) and a training report.
 */
public final class BladeTraining {
  /** Validation share for early stopping, as in the evaluation protocol. */
  public static final double VALIDATION_FRACTION = 0.05;

  private BladeTraining() {}

  public static GraphModel train(Graph g, GnnConfig cfg, long seed, String data, boolean progress) {
    return train(g, cfg, AdaptiveBlade.Tuning.defaults(cfg), seed, data, progress);
  }

  /**
   * Trains with the given tuning grid: every choice (grid point, epochs, symmetric mix) is made
   * on the validation edges, which are also the edges the reported validation metrics rank (so
   * those metrics are optimistic; held-out numbers come from {@code eval graph}).
   */
  public static GraphModel train(Graph g, GnnConfig cfg, AdaptiveBlade.Tuning tuning, long seed, String data,
      boolean progress) {
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    EdgeSplit split = EdgeSplit.of(g, VALIDATION_FRACTION, 0.0, seed);
    AdaptiveBlade blade = new AdaptiveBlade("blade", cfg, tuning, progress, null);
    DualEmbeddings emb = blade.train(split.train(), split.validation(), seed);
    AdaptiveBlade.Choice r = blade.lastChoice();
    LinkEvaluation.Report val = LinkEvaluation.evaluate(emb, g, split.train(), split.validation());
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", "blade");
    params.put("config", ModelFile.jsonText(cfg.toMap()));
    params.put("tuning", ModelFile.jsonText(tuning.toMap()));
    FileProvenance provenance = FileProvenance.of(List.of(data), params, Map.of(), seed);
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("nodes", g.nodeCount());
    prov.put("edges", g.edgeCount());
    prov.put("reciprocity", AdaptiveBlade.finiteOrNull(g.reciprocity()));
    prov.put("reciprocity_train", AdaptiveBlade.finiteOrNull(split.train().reciprocity()));
    prov.put("weighted_input", g.weighted());
    prov.put("chosen", r.toMap());
    prov.put("embedding_dim", emb.dim());
    prov.put("epochs_run", r.directedResult().epochs());
    prov.put("best_epoch", r.directedResult().bestEpoch());
    prov.put("validation_edges", split.validation().size());
    prov.put("validation", val.overall().toMap());
    prov.put("training_seconds", (System.nanoTime() - t0) / 1e9);
    prov.put("cpu_seconds", (cpuNanos() - cpu0) / 1e9);
    return new GraphModel(g.ids(), emb, provenance, prov);
  }

  /** CPU time of the whole process so far (all threads), or 0 when the JVM cannot tell. */
  public static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}
