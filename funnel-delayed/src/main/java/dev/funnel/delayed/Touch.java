package dev.funnel.delayed;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;

/**
 * One raw interaction of a (user, item) pair, the common input of every source: a click (with
 * its click-time features), an engagement (cart, favourite, view) or a conversion. Time in epoch
 * seconds. {@code features} is only read for clicks.
 */
public record Touch(String key, Kind kind, long time, float[] features) {
  /** What happened. */
  public enum Kind {
    CLICK,
    CART,
    FAVOURITE,
    VIEW,
    CONVERSION
  }

  public Touch {
    Checks.nonBlank("key", key);
    if (kind == null) {
      throw new InvalidInputException("kind", null, "expected click, cart, favourite, view or conversion");
    }
    if (kind == Kind.CLICK && features == null) {
      throw new InvalidInputException("features", null, "expected click-time features on a click");
    }
  }

  public static Touch click(String key, long time, float[] features) {
    return new Touch(key, Kind.CLICK, time, features);
  }

  public static Touch of(String key, Kind kind, long time) {
    return new Touch(key, kind, time, null);
  }
}
