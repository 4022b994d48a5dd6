package dev.funnel.retrieval;

class HybridNormRetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "hybrid-norm";
  }
}
