package dev.funnel.serving.chain;

/**
 * One step of the search chain. A stage reads what earlier stages put on the {@link Exchange},
 * adds its own part, and calls {@code next.proceed(exchange)} to run the rest of the chain (or
 * does not, to end the request early). A stage is built once with immutable state and called by
 * many request threads at once; per-request state lives on the exchange only.
 */
public interface Stage {
  /** The stage's name in traces. */
  String name();

  void apply(Exchange exchange, Chain next);
}
