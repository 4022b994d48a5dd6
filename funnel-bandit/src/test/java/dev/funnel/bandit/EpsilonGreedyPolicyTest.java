package dev.funnel.bandit;

class EpsilonGreedyPolicyTest extends PolicyContractTest {
  @Override
  PolicyConfig config() {
    return PolicyConfig.defaults(EpsilonGreedyPolicy.NAME);
  }
}
