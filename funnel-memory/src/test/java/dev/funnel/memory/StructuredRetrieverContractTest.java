package dev.funnel.memory;

import dev.funnel.core.Retriever;

class StructuredRetrieverContractTest extends RetrieverContractTest {
  @Override
  Retriever retriever() {
    var catalog = QueryUnderstandingTest.tinyCatalog();
    return new StructuredRetriever(new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE), new InMemoryStructuredSearch(catalog));
  }
}
