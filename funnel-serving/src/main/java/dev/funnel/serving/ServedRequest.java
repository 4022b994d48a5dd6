package dev.funnel.serving;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.query.Interpretation;
import dev.funnel.rank.RankingService;
import java.util.List;

/**
 * What one search served, kept in the {@link RequestLedger} so that feedback events can be
 * joined to it: the query with its context, the query-understanding interpretation, the strategy
 * decision, the ranked items (candidates with provenance, their feature vectors exactly as served,
 * scores and explanations; position = offset + index + 1), how many candidates the strategies
 * returned, whether the request's deadline cut it short ({@code partial}: some chosen strategies
 * or the explanations were skipped), the page's offset, and the ranker that scored the items.
 */
public record ServedRequest(
    String requestId,
    Query query,
    Interpretation interpretation,
    StrategyDecision decision,
    List<RankingService.Ranked> items,
    int candidatesRetrieved,
    int uniqueCandidates,
    boolean partial,
    int offset,
    String ranker) {

  public ServedRequest {
    items = List.copyOf(items);
    dev.funnel.core.Checks.atLeast("offset", offset, 0);
  }

  /** A first page served whole. */
  public ServedRequest(String requestId, Query query, Interpretation interpretation, StrategyDecision decision,
      List<RankingService.Ranked> items, int candidatesRetrieved, int uniqueCandidates) {
    this(requestId, query, interpretation, decision, items, candidatesRetrieved, uniqueCandidates, false, 0, "unknown");
  }

  /** The served candidates in order (with provenance), as the bandit's reward attribution reads them. */
  public List<Candidate> served() {
    return items.stream().map(RankingService.Ranked::candidate).toList();
  }
}
