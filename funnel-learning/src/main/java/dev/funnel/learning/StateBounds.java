package dev.funnel.learning;

import dev.funnel.core.Checks;
import dev.funnel.memory.MemoryIndex;
import dev.funnel.query.QueryUnderstanding;

/**
 * Size bounds of the loop's learned state that grows with traffic: the memory index's (query key,
 * item) pairs with feedback and query understanding's query units with click statistics. Past a
 * bound the least-weighted entries are evicted with decay (see {@link MemoryIndex} and {@link
 * QueryUnderstanding}); the event log keeps every event.
 *
 * @param memoryMaxPairs most (query key, item) pairs with feedback in the memory index
 * @param quMaxUnits most query units (terms and term pairs) with click statistics
 */
public record StateBounds(int memoryMaxPairs, int quMaxUnits) {
  /** {@link MemoryIndex#DEFAULT_MAX_PAIRS} pairs and {@link QueryUnderstanding#DEFAULT_MAX_UNITS} units. */
  public static final StateBounds DEFAULT = new StateBounds(MemoryIndex.DEFAULT_MAX_PAIRS, QueryUnderstanding.DEFAULT_MAX_UNITS);

  public StateBounds {
    Checks.atLeast("memory_max_pairs", memoryMaxPairs, 1);
    Checks.atLeast("qu_max_units", quMaxUnits, 1);
  }
}
