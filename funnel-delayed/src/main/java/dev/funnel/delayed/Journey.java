package dev.funnel.delayed;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.Arrays;

/**
 * The complete history of one click: its time (epoch seconds), its click-time features, the
 * engagement events that followed it (sorted by time) and the time of its conversion
 * ({@link #NO_CONVERSION} when there was none inside the attribution window). A journey
 * {@link #truncatedAt truncated} at time t holds exactly what was observable at t.
 */
public record Journey(String id, long clickTime, float[] features, long[] engagementTimes, EngagementKind[] engagementKinds, long conversionTime) {
  public static final long NO_CONVERSION = Long.MAX_VALUE;

  public Journey {
    Checks.nonBlank("id", id);
    if (features == null) {
      throw new InvalidInputException("features", null, "expected a feature vector");
    }
    if (engagementTimes.length != engagementKinds.length) {
      throw new InvalidInputException("engagementKinds", engagementKinds.length, "expected one kind per engagement time (" + engagementTimes.length + ")");
    }
    for (int i = 0; i < engagementTimes.length; i++) {
      if (engagementTimes[i] < clickTime || (i > 0 && engagementTimes[i] < engagementTimes[i - 1])) {
        throw new InvalidInputException("engagementTimes[" + i + "]", engagementTimes[i], "expected sorted times at or after the click " + clickTime);
      }
    }
    if (conversionTime != NO_CONVERSION && conversionTime < clickTime) {
      throw new InvalidInputException("conversionTime", conversionTime, "expected a time at or after the click " + clickTime);
    }
  }

  public boolean converted() {
    return conversionTime != NO_CONVERSION;
  }

  /** Seconds from click to conversion; only meaningful when {@link #converted()}. */
  public long delay() {
    return conversionTime - clickTime;
  }

  /** Whether the conversion happened at or before {@code t}. */
  public boolean convertedBy(long t) {
    return conversionTime != NO_CONVERSION && conversionTime <= t;
  }

  /** The engagement between the click and {@code t} (inclusive). */
  public EngagementState engagementAt(long t) {
    int carts = 0;
    int favs = 0;
    int views = 0;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < engagementTimes.length && engagementTimes[i] <= t; i++) {
      switch (engagementKinds[i]) {
        case CART -> carts++;
        case FAVOURITE -> favs++;
        case VIEW -> views++;
      }
      last = engagementTimes[i];
    }
    return last == Long.MIN_VALUE ? EngagementState.NONE : new EngagementState(carts, favs, views, t - last);
  }

  /** This journey as observable at time {@code t}: later engagement and a later conversion removed. */
  public Journey truncatedAt(long t) {
    int n = 0;
    while (n < engagementTimes.length && engagementTimes[n] <= t) {
      n++;
    }
    long conv = convertedBy(t) ? conversionTime : NO_CONVERSION;
    if (n == engagementTimes.length && conv == conversionTime) {
      return this;
    }
    return new Journey(id, clickTime, features, Arrays.copyOf(engagementTimes, n), Arrays.copyOf(engagementKinds, n), conv);
  }
}
