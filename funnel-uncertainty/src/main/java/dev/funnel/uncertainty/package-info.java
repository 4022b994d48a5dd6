/**
 * Uncertainty-aware decisions: more recall at the same precision by choosing one score threshold
 * per uncertainty level.
 *
 * <p>For two predictions with the same score, the one with the larger uncertainty is positive
 * less often (its score is a noisier estimate, pulled further from the truth by sampling bias).
 * One global threshold therefore wastes recall. This package:
 *
 * <ul>
 *   <li>estimates uncertainty ({@link dev.funnel.uncertainty.UncertaintyModel}): a
 *       {@link dev.funnel.uncertainty.BootstrapEnsemble} of LightGBM classifiers (mean and spread
 *       of member probabilities) and a {@link dev.funnel.uncertainty.BetaEvidenceModel} (Beta
 *       posterior mean and standard deviation from per-key evidence counts);
 *   <li>chooses decision tables on validation for a target precision
 *       ({@link dev.funnel.uncertainty.ThresholdMethod}): the global threshold, exact per-bin
 *       thresholds by a dynamic program ({@link dev.funnel.uncertainty.RecallDp}) over equal-count
 *       uncertainty bins, and per-bin isotonic recalibration with one global threshold
 *       ({@link dev.funnel.uncertainty.IsotonicThresholds}); the bin count by cross-validation
 *       inside the validation set ({@link dev.funnel.uncertainty.BinCountSelector});
 *   <li>evaluates them on test with bootstrap intervals
 *       ({@link dev.funnel.uncertainty.ThresholdEvaluation}) and draws reliability curves per
 *       uncertainty level ({@link dev.funnel.uncertainty.ReliabilityPlot});
 *   <li>ships the tables with the model ({@link dev.funnel.uncertainty.ScoredModel}, one JSON
 *       file) and applies them to candidate items at serving time
 *       ({@link dev.funnel.uncertainty.DecisionFilter}: {@code "decision": {"min_precision": 0.9}}).
 * </ul>
 *
 * <p>Typical use: {@code PreparedData.load(...)} then {@code new ThresholdEvaluation(...).run(...)};
 * or {@code ./funnel eval thresholds --format synthetic --seed 1} and
 * {@code ./funnel train thresholds --format talkingdata --data ... --out model.json}. See
 * {@code docs/uncertainty.md}.
 */
package dev.funnel.uncertainty;
