package dev.funnel.retrieval;

class Bm25RetrieverTest extends RetrieverContract {
  @Override
  String strategy() {
    return "bm25";
  }
}
