package dev.funnel.retrieval;

class DenseRetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "dense";
  }
}
