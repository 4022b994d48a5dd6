package dev.funnel.delayed;

class WaitingWindowWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new WaitingWindowWeighting(86_400);
  }
}
