package dev.funnel.bandit;

class LinearThompsonPolicyTest extends PolicyContractTest {
  @Override
  PolicyConfig config() {
    return PolicyConfig.defaults(LinearThompsonPolicy.NAME);
  }
}
