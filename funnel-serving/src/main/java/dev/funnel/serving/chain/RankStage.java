package dev.funnel.serving.chain;

import dev.funnel.rank.Ranker;
import dev.funnel.rank.RankingService;
import dev.funnel.serving.SearchRequest;

/**
 * Rank: reads the current ranker once and retains it for the rest of the request, so the ranker
 * named in the response is the one that scored (and, in Gate, explained) the items even when a
 * retraining swaps in another meanwhile; scores every candidate of the union with the shared
 * feature pipeline, best first; runs the rest of the chain; then releases the ranker.
 *
 * <p>A request with {@code "ranking": "fusion"} ({@link SearchRequest.Ranking#FUSION}) is scored
 * instead by reciprocal rank fusion of its strategies' own lists ({@link RankingService#fusion}),
 * so one named strategy comes back in that strategy's order; the default, {@code "learned"},
 * uses the ranker the loop serves (reciprocal rank fusion until a model is trained or loaded).
 */
public final class RankStage implements Stage {
  private final RankingService ranking;

  public RankStage(RankingService ranking) {
    this.ranking = ranking;
  }

  @Override
  public String name() {
    return "rank";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    Ranker r = x.request().ranking() == SearchRequest.Ranking.FUSION ? ranking.fusion() : ranking.acquire();
    try {
      x.ranked(r, ranking.score(r, x.query(), x.union(), x.items()::get));
      next.proceed(x);
    } finally {
      r.release();
    }
  }
}
