package dev.funnel.bandit;

class DisjointLinUcbPolicyTest extends PolicyContractTest {
  @Override
  PolicyConfig config() {
    return PolicyConfig.defaults(DisjointLinUcbPolicy.NAME);
  }

  /** 36 actions × 10 context features, nothing shared between actions: learns more slowly. */
  @Override
  int learningRounds() {
    return 8192;
  }
}
