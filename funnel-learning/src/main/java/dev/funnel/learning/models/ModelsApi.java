package dev.funnel.learning.models;

import dev.funnel.serving.ConversionGate;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.uncertainty.ThresholdTable;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The models of a serving process over HTTP:
 *
 * <ul>
 *   <li>{@code GET /models}: the ranker versions, newest first, each with its origin,
 *       provenance and validation metrics and whether it is live; which ranker serves; and the
 *       decision model's summary;
 *   <li>{@code POST /models/ranker/{version}/activate}: serve that version from now on (roll back
 *       or forward); requests already running finish on their model;
 *   <li>{@code GET /models/decision}: the conversion decision model's threshold tables (one per
 *       target precision: the score threshold of every uncertainty bin), or {@code "loaded":
 *       false} with the reason.
 * </ul>
 */
public final class ModelsApi implements ApiModule {
  private final RankerVersions rankers;
  private final ConversionGate gate;

  /** The routes over {@code rankers} and the decision model {@code gate} (null: none loaded). */
  public ModelsApi(RankerVersions rankers, ConversionGate gate) {
    this.rankers = rankers;
    this.gate = gate;
  }

  @Override
  public void register(Javalin app) {
    app.get("/models", ctx -> ctx.json(models()));
    app.post("/models/ranker/{version}/activate", ctx -> {
      String raw = ctx.pathParam("version");
      int version;
      try {
        version = Integer.parseInt(raw.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("version", raw, "expected a ranker version number from GET /models");
      }
      if (rankers.find(version).isEmpty()) {
        throw ApiException.notFound("version", raw, "no ranker version " + version + "; kept versions: "
            + rankers.list().stream().map(RankerVersion::version).toList());
      }
      Integer previous = rankers.live();
      RankerVersion v = rankers.activate(version);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("activated", v.version());
      out.put("previous", previous);
      out.put("ranker", v.toJson(true));
      ctx.json(out);
    });
    app.get("/models/decision", ctx -> ctx.json(decision()));
  }

  Map<String, Object> models() {
    Integer live = rankers.live();
    List<Map<String, Object>> list = new ArrayList<>();
    List<RankerVersion> all = rankers.list();
    for (int i = all.size() - 1; i >= 0; i--) {
      RankerVersion v = all.get(i);
      list.add(v.toJson(Integer.valueOf(v.version()).equals(live)));
    }
    Map<String, Object> ranker = new LinkedHashMap<>();
    ranker.put("serving", rankers.serving());
    ranker.put("live_version", live);
    if (live == null) {
      ranker.put("live_version_reason", "the baseline ranker (reciprocal-rank fusion of the strategies' ranks) serves: no LambdaMART model yet");
    }
    ranker.put("versions", list);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ranker", ranker);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("loaded", gate != null);
    if (gate != null) {
      d.putAll(gate.describe());
    }
    out.put("decision", d);
    return out;
  }

  Map<String, Object> decision() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (gate == null) {
      out.put("loaded", false);
      out.put("reason", "no decision model is loaded: start the server with --decision-model FILE (from 'funnel train thresholds --format events')");
      return out;
    }
    out.put("loaded", true);
    out.putAll(gate.describe());
    List<Map<String, Object>> tables = new ArrayList<>();
    for (ThresholdTable t : gate.policy().tables()) {
      Map<String, Object> m = new LinkedHashMap<>(t.toJson());
      List<Map<String, Object>> bins = new ArrayList<>();
      double[] edges = t.binEdges();
      for (int b = 0; b <= edges.length; b++) {
        Map<String, Object> bin = new LinkedHashMap<>();
        bin.put("bin", b);
        bin.put("uncertainty_from", b == 0 ? null : edges[b - 1]);
        bin.put("uncertainty_to", b == edges.length ? null : edges[b]);
        double th = t.thresholds()[b];
        bin.put("threshold", Double.isInfinite(th) ? null : th);
        bins.add(bin);
      }
      m.put("bins", bins);
      tables.add(m);
    }
    out.put("tables", tables);
    return out;
  }
}
