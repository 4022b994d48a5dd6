/** Directed item graphs and BLADE dual (source/target) embeddings with degree-adaptive neighbourhood sampling. */
package dev.funnel.graph;
