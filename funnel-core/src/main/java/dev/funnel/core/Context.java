package dev.funnel.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is asking and when: optional user, session and segment, the request time and free-form
 * attributes (device, locale...). Used by the bandit and by context features of the ranker.
 */
public record Context(String userId, String sessionId, String segment, Instant time, Map<String, String> attributes) {
  public static final Context EMPTY = new Context(null, null, null, null, Map.of());

  public Context {
    attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
