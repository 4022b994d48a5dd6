package dev.funnel.delayed;

class OracleWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new OracleWeighting();
  }
}
