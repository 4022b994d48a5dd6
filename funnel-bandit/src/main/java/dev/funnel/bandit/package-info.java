/** Contextual bandit policies over retrieval strategies and candidate budgets, propensity logging, off-policy estimators. */
package dev.funnel.bandit;
