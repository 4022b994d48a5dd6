package dev.funnel.delayed;

class FnwWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new FnwWeighting();
  }
}
