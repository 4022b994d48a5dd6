package dev.funnel.delayed;

/**
 * One training row as observable at time {@code asOf}: the click's journey truncated at
 * {@code asOf}, the seconds elapsed since the click, the label observed so far (a conversion
 * within the attribution window at or before {@code asOf}), whether the label is mature (the
 * window has fully passed, so the observed label is final) and the engagement seen so far.
 */
public record Observation(Journey journey, long asOf, long elapsed, boolean observedLabel, boolean mature, EngagementState engagement) {
  public float[] features() {
    return journey.features();
  }
}
