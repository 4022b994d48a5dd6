package dev.funnel.serving.chain;

import dev.funnel.rank.Ranker;
import dev.funnel.rank.RankingService;

/**
 * Rank: reads the current ranker once and retains it for the rest of the request, so the ranker
 * named in the response is the one that scored (and, in Gate, explained) the items even when a
 * retraining swaps in another meanwhile; scores every candidate of the union with the shared
 * feature pipeline, best first; runs the rest of the chain; then releases the ranker.
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
    Ranker r = ranking.acquire();
    try {
      x.ranked(r, ranking.score(r, x.query(), x.union(), x.items()::get));
      next.proceed(x);
    } finally {
      r.release();
    }
  }
}
