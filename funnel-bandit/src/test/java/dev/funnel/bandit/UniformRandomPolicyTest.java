package dev.funnel.bandit;

class UniformRandomPolicyTest extends PolicyContractTest {
  @Override
  PolicyConfig config() {
    return PolicyConfig.defaults(UniformRandomPolicy.NAME);
  }

  @Override
  boolean learns() {
    return false;
  }
}
