package dev.funnel.delayed;

class VanillaWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new VanillaWeighting();
  }
}
