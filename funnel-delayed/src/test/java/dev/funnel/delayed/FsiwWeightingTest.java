package dev.funnel.delayed;

class FsiwWeightingTest extends WeightingSchemeContract {
  @Override
  WeightingScheme scheme() {
    return new FsiwWeighting();
  }
}
