package dev.funnel.memory;

import dev.funnel.query.QueryUnderstanding;
import dev.funnel.query.QuConfig;
import dev.funnel.query.RequestLog;

import dev.funnel.core.Retriever;

class StructuredRetrieverContractTest extends RetrieverContractTest {
  @Override
  Retriever retriever() {
    var catalog = QueryUnderstandingAmazonTest.tinyCatalog();
    return new StructuredRetriever(new QueryUnderstanding(catalog, QuConfig.DEFAULT, RequestLog.NONE), new InMemoryStructuredSearch(catalog));
  }
}
