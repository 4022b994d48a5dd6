package dev.funnel.bandit;

class LinUcbPolicyTest extends PolicyContractTest {
  @Override
  PolicyConfig config() {
    return PolicyConfig.defaults(LinUcbPolicy.NAME);
  }
}
