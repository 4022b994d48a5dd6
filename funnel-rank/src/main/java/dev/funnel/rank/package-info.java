/** Learning to rank: shared feature extraction and LambdaMART models with provenance. */
package dev.funnel.rank;
