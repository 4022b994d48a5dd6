package dev.funnel.serving.chain;

import java.util.List;

/**
 * The stages of the search funnel in order, and the position of one call in them: {@link
 * #proceed} runs the stage at this position with the chain after it as its {@code next}, and
 * times it on the exchange's {@link Trace} (a stage's own time excludes the stages it called).
 */
public final class Chain {
  private final List<Stage> stages;
  private final int at;

  public Chain(List<Stage> stages) {
    this(List.copyOf(stages), 0);
  }

  private Chain(List<Stage> stages, int at) {
    this.stages = stages;
    this.at = at;
  }

  /** Runs the rest of the chain on {@code exchange} (nothing when every stage has run). */
  public void proceed(Exchange exchange) {
    if (at >= stages.size()) {
      return;
    }
    Stage stage = stages.get(at);
    int entry = exchange.trace().enter(stage.name());
    try {
      stage.apply(exchange, new Chain(stages, at + 1));
    } finally {
      exchange.trace().exit(entry);
    }
  }

  /** The stage names in order. */
  public List<String> names() {
    return stages.stream().map(Stage::name).toList();
  }
}
