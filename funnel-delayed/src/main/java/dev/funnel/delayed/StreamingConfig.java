package dev.funnel.delayed;

import dev.funnel.core.Checks;

/**
 * The streaming protocol's clock (seconds): the first window starts {@code pretrain} after the
 * first click; each window of length {@code window} is predicted by a model trained on the clicks
 * of the preceding {@code trainSpan}, as observable at the window's start; windows continue while
 * they end before the last click minus {@code maturityMargin} (so their eventual labels are
 * known). Auxiliary models are fit on the clicks of the {@code historySpan} before the window
 * start minus the attribution window (labels mature).
 */
public record StreamingConfig(long pretrain, long window, long trainSpan, long historySpan, long maturityMargin, int bootstrap, long seed) {
  public StreamingConfig {
    Checks.atLeast("historySpan", historySpan, 1);
    Checks.atLeast("pretrain", pretrain, 1);
    Checks.atLeast("window", window, 1);
    Checks.atLeast("trainSpan", trainSpan, 1);
    Checks.atLeast("maturityMargin", maturityMargin, 0);
    Checks.atLeast("bootstrap", bootstrap, 10);
  }
}
