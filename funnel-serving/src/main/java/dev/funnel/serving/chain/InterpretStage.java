package dev.funnel.serving.chain;

import dev.funnel.query.QueryUnderstanding;

/**
 * Interpret: query understanding, once per request. Its {@code Interpretation} (filters, boosts,
 * residual text, query type) stays on the exchange: Decide reads the type as the bandit's intent
 * context and its filters for the cold-start prior, Retrieve hands it to the structured strategy.
 */
public final class InterpretStage implements Stage {
  private final QueryUnderstanding understanding;

  public InterpretStage(QueryUnderstanding understanding) {
    this.understanding = understanding;
  }

  @Override
  public String name() {
    return "interpret";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    x.interpretation(understanding.interpret(x.query().text()));
    next.proceed(x);
  }
}
