package dev.funnel.serving;

import dev.funnel.core.util.Deadline;
import dev.funnel.serving.chain.DecideStage;
import dev.funnel.serving.chain.Exchange;
import dev.funnel.server.ApiException;
import dev.funnel.server.ApiModule;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.RequestLimits;
import dev.funnel.server.Requests;
import dev.funnel.uncertainty.ItemGate;
import io.javalin.Javalin;

/**
 * {@code POST /search}: the body is parsed once into a {@link SearchRequest} (an unknown field or
 * a bad value is a 400 naming it) and answered by the {@link SearchFunnel}'s stage chain, whatever
 * it asks: without {@code strategies} the bandit decides; with them exactly those run, each with
 * max(offset + k, {@value DecideStage#FORCED_BUDGET}) candidates, as a fixed decision that is not
 * learned from. Every answer has a request id recorded in the ledger, so events on it join. The
 * answer is a {@link SearchResponse}.
 *
 * <p>With a deployed {@link ItemGate}, a request may add {@code "decision": {"min_precision":
 * P}}: every candidate is ranked, and only the items whose predicted conversion passes the
 * threshold of their uncertainty level for precision P are served; without a gate, or with an
 * unreachable P, the request is a 400 naming {@code decision} or {@code precision}. A request
 * whose deadline passed while it waited for a slot is a 503; one that passes it while running is
 * answered with what it has, marked {@code "partial": true}.
 */
public final class FunnelSearchApi implements ApiModule {
  private final SearchFunnel funnel;
  private final ItemGate gate;

  public FunnelSearchApi(SearchFunnel funnel) {
    this(funnel, null);
  }

  /** A search API whose requests may ask for a conversion decision applied by {@code gate} (null: none deployed). */
  public FunnelSearchApi(SearchFunnel funnel, ItemGate gate) {
    this.funnel = funnel;
    this.gate = gate;
    funnel.deploy(gate);
  }

  @Override
  public void register(Javalin app) {
    app.post("/search", this::serve);
  }

  /** {@code POST /search} on {@code ctx}: parse, answer, write the JSON response (also used by a replica's own route). */
  public void serve(io.javalin.http.Context ctx) {
    ctx.json(handle(SearchRequest.parse(Requests.object(ctx)), FunnelServer.limits(ctx), FunnelServer.deadline(ctx)));
  }

  /** Answers one request within {@code deadline} and the server's {@code limits}. */
  public SearchResponse handle(SearchRequest request, RequestLimits limits, Deadline deadline) {
    long start = System.nanoTime();
    if (!request.strategies().isEmpty()) {
      long total = (long) request.strategies().size() * Math.max(request.depth(), DecideStage.FORCED_BUDGET);
      if (limits != null && total > limits.maxRequestCandidates()) {
        throw ApiException.badRequest("strategies", request.strategies(), "expected at most " + limits.maxRequestCandidates()
            + " candidates per request (limit max_request_candidates), but these strategies retrieve " + total);
      }
    }
    if (deadline.passed()) {
      throw new ApiException(503, null, null, "overloaded: the request's deadline passed before it could start (limit deadline); retry later");
    }
    Exchange x = funnel.run(request, deadline);
    return SearchResponse.of(x, gate, start);
  }
}
