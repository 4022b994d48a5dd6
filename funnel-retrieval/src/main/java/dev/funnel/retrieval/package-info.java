/** Catalog ingestion and Lucene retrieval strategies: BM25, BM25 with a popularity prior, dense kNN with an in-JVM embedding model, hybrid fusion. */
package dev.funnel.retrieval;
