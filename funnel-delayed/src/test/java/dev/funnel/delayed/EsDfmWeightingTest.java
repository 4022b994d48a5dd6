package dev.funnel.delayed;

class EsDfmWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new EsDfmWeighting(3_600);
  }
}
