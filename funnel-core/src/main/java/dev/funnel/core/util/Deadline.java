package dev.funnel.core.util;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time one request may still take: work checks {@link #passed()} between its stages and
 * stops early (answering what it has, marked partial) instead of holding a thread past it. Read
 * from a monotonic clock ({@link System#nanoTime()} unless given one, for tests).
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE, () -> 0L);

  private final long atNanos;
  private final LongSupplier clock;

  private Deadline(long atNanos, LongSupplier clock) {
    this.atNanos = atNanos;
    this.clock = clock;
  }

  /** A deadline that never passes. */
  public static Deadline none() {
    return NONE;
  }

  /** {@code budget} from now on the system's monotonic clock. */
  public static Deadline after(Duration budget) {
    return after(budget, System::nanoTime);
  }

  /** {@code budget} from now on {@code nanoClock}. */
  public static Deadline after(Duration budget, LongSupplier nanoClock) {
    if (budget.isNegative() || budget.isZero()) {
      throw new dev.funnel.core.InvalidInputException("deadline", budget, "expected a positive duration");
    }
    long now = nanoClock.getAsLong();
    long nanos = budget.toNanos();
    return new Deadline(Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos, nanoClock);
  }

  public boolean passed() {
    return this != NONE && clock.getAsLong() - atNanos >= 0;
  }

  /** Nanoseconds left (0 once passed; {@link Long#MAX_VALUE} for {@link #none()}). */
  public long remainingNanos() {
    if (this == NONE) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, atNanos - clock.getAsLong());
  }
}
