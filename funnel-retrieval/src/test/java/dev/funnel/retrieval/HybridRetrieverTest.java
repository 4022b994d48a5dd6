package dev.funnel.retrieval;

class HybridRetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "hybrid";
  }
}
