package dev.funnel.serving.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages one request ran through, in the order they were entered, with each one's time: its
 * own ({@code ms}, without the stages it called) and inclusive ({@code total_ms}). Kept for every
 * request (seven entries; the clock reads cost well under a microsecond), returned when the
 * request asked for {@code "trace": true}. Confined to the request's thread.
 */
public final class Trace {
  /** One stage's times, in milliseconds. */
  public record Step(String stage, double ms, @com.fasterxml.jackson.annotation.JsonProperty("total_ms") double totalMs) {}

  private final List<String> names = new ArrayList<>(8);
  private final List<long[]> times = new ArrayList<>(8); // {enter, exit}

  int enter(String stage) {
    names.add(stage);
    times.add(new long[] {System.nanoTime(), -1});
    return names.size() - 1;
  }

  void exit(int entry) {
    times.get(entry)[1] = System.nanoTime();
  }

  /** The steps so far; a stage still running counts up to now. */
  public List<Step> steps() {
    long now = System.nanoTime();
    List<Step> out = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      long total = end(i, now) - times.get(i)[0];
      // stages nest: the next entered stage ran inside this one
      long inner = i + 1 < names.size() ? end(i + 1, now) - times.get(i + 1)[0] : 0;
      out.add(new Step(names.get(i), Math.max(0, total - inner) / 1e6, Math.max(0, total) / 1e6));
    }
    return out;
  }

  private long end(int i, long now) {
    long e = times.get(i)[1];
    return e < 0 ? now : e;
  }
}
