package dev.funnel.memory;

import dev.funnel.core.Candidate;
import dev.funnel.core.Query;
import dev.funnel.core.Retriever;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code memory} strategy: items that earned feedback for this query (or near queries), and
 * cold-start items whose predicted queries match it. Scores are {@link MemoryHit#score()}; the
 * request time is the query context's time when given, else the clock's. Keyword filters of the
 * query are not applied here (the memory index stores no item fields); the funnel's union and
 * ranker see the candidates with provenance {@code memory}. {@link #explain} returns the hits with
 * the matched key, similarity and evidence source.
 */
public final class MemoryRetriever implements Retriever {
  public static final String NAME = "memory";

  private final MemoryIndex index;
  private final Clock clock;

  public MemoryRetriever(MemoryIndex index, Clock clock) {
    this.index = index;
    this.clock = clock == null ? Clock.systemUTC() : clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Candidate> retrieve(Query query, int k) {
    List<MemoryHit> hits = explain(query, k);
    List<Candidate> out = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      out.add(Candidate.of(hits.get(i).itemId(), NAME, hits.get(i).score(), i + 1));
    }
    return out;
  }

  /** The hits behind {@link #retrieve}, with their evidence. */
  public List<MemoryHit> explain(Query query, int k) {
    Instant now = query.context().time() != null ? query.context().time() : clock.instant();
    return index.lookup(query.text(), k, now);
  }
}
