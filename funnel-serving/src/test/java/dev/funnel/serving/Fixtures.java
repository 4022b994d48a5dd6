package dev.funnel.serving;

import dev.funnel.bandit.Action;
import dev.funnel.bandit.BanditContext;
import dev.funnel.bandit.Decision;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Query;
import dev.funnel.query.Interpretation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small values for serving tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final Action BM25 = new Action(Map.of("bm25", 10));

  private Fixtures() {}

  public static Interpretation plain(String text) {
    return new Interpretation(text, List.of(text), List.of(), text, Interpretation.QueryType.FREE_TEXT, Map.of(), List.of());
  }

  public static ServedRequest served(String id, String text) {
    return new ServedRequest(id, Query.of(text), plain(text), StrategyDecision.fixed(BM25), List.of(), 0, 0, false, 0, "rrf");
  }

  public static ServedDecision decision(String id) {
    return new ServedDecision(id, new Decision(BM25, 0, 0.5, new double[] {0.1}, "linucb", new double[] {1, 0}),
        BanditContext.ofQuery("q", "free_text", T0, null));
  }
}
