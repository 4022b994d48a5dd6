package dev.funnel.serving;

import dev.funnel.core.Checks;

/**
 * Settings of the serving loop.
 *
 * @param explainTop feature contributions shown per item (3: enough to read why, small enough
 *     to keep the explanation cost below a millisecond for k = 10)
 * @param graphSeeds how many top lexical hits seed the {@code graph} strategy when the request
 *     carries no {@code seed_items} of its own (3: a user's few most recent items, as in BLADE's
 *     session setting)
 * @param settleAfter a served request still without engagement after this many later requests is
 *     rewarded 0 for the bandit (the attribution window); engagement settles it at once
 * @param retrainEvery the longest interval, in feedback events (clicks, carts, purchases), between
 *     ranker retrainings; the adaptive schedule starts at {@code minTrainingRequests} and doubles
 *     up to it ({@link FeedbackLoop}); 0 never retrains
 * @param minTrainingRequests requests with engagement needed before the first LambdaMART model,
 *     and the first interval of the schedule
 * @param trainingWindow most recent shown requests kept as ranker training data
 * @param backgroundRetraining retrain on a background thread (serving) or inline (simulations,
 *     which must be deterministic by seed)
 * @param rankerRounds LightGBM boosting rounds per retraining
 * @param seed seed of the ranker training
 */
public record FunnelConfig(
    int explainTop,
    int graphSeeds,
    int settleAfter,
    int retrainEvery,
    int minTrainingRequests,
    int trainingWindow,
    boolean backgroundRetraining,
    int rankerRounds,
    long seed) {

  public FunnelConfig {
    Checks.atLeast("explain_top", explainTop, 0);
    Checks.atLeast("graph_seeds", graphSeeds, 1);
    Checks.atLeast("settle_after", settleAfter, 1);
    Checks.atLeast("retrain_every", retrainEvery, 0);
    Checks.atLeast("min_training_requests", minTrainingRequests, 1);
    Checks.atLeast("training_window", trainingWindow, 1);
    Checks.atLeast("ranker_rounds", rankerRounds, 1);
  }

  /**
   * Serving defaults: 3 explanations, 3 graph seeds, 1,000-request attribution window, a first
   * retraining attempt once 20 requests have engagement, then intervals doubling up to 500
   * feedback events (each model must beat the served order on held-out requests), on the last 20,000 shown
   * requests, in the background, 100 rounds (LambdaMartTrainer uses 200 for offline training;
   * half keeps a retraining of 20,000 requests under a few seconds on 2 cores).
   */
  public static FunnelConfig defaults(long seed) {
    return new FunnelConfig(3, 3, 1000, 500, 20, 20_000, true, 100, seed);
  }

  public FunnelConfig withRetrainEvery(int n) {
    return new FunnelConfig(explainTop, graphSeeds, settleAfter, n, minTrainingRequests, trainingWindow, backgroundRetraining, rankerRounds, seed);
  }

  public FunnelConfig withBackgroundRetraining(boolean on) {
    return new FunnelConfig(explainTop, graphSeeds, settleAfter, retrainEvery, minTrainingRequests, trainingWindow, on, rankerRounds, seed);
  }

  public FunnelConfig withExplainTop(int n) {
    return new FunnelConfig(n, graphSeeds, settleAfter, retrainEvery, minTrainingRequests, trainingWindow, backgroundRetraining, rankerRounds, seed);
  }

  public FunnelConfig withMinTrainingRequests(int n) {
    return new FunnelConfig(explainTop, graphSeeds, settleAfter, retrainEvery, n, trainingWindow, backgroundRetraining, rankerRounds, seed);
  }
}
