package dev.funnel.retrieval;

class Bm25PopRetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "bm25-pop";
  }
}
