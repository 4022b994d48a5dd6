package dev.funnel.retrieval;

class HybridRrfRetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "hybrid-rrf";
  }
}
