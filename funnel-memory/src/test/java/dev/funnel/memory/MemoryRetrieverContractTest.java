package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;

import dev.funnel.core.Retriever;

class MemoryRetrieverContractTest extends RetrieverContractTest {
  @Override
  Retriever retriever() {
    MemoryIndex index = new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, MemoryIndexTest.AT_T);
    MemoryConcurrencyAndSnapshotTest.randomEvents(3L, 3_000).forEach(index::accept);
    MemoryIndexTest.add(index, "starbucks coffee", "s1", 5, 2, 1, 0, MemoryIndexTest.T);
    index.addPredictions(new PredictedQueryGenerator(QueryUnderstandingAmazonTest.tinyCatalog(), 12)
        .generateAll(QueryUnderstandingAmazonTest.tinyCatalog()));
    return new MemoryRetriever(index, MemoryIndexTest.AT_T);
  }
}
