package dev.funnel.delayed;

class EngagementWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new EngagementWeighting();
  }
}
