package dev.funnel.core;

/** Argument checks for value types; each failure names the field, the value and the rule. */
public final class Checks {
  private Checks() {}

  public static String nonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, value, "expected a non-blank string");
    }
    return value;
  }

  public static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new InvalidInputException(field, value, "expected a finite number");
    }
    return value;
  }

  public static double inRange(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidInputException(field, value, "expected a number in [" + min + ", " + max + "]");
    }
    return value;
  }

  public static int atLeast(String field, int value, int min) {
    if (value < min) {
      throw new InvalidInputException(field, value, "expected an integer >= " + min);
    }
    return value;
  }

  public static long atLeast(String field, long value, long min) {
    if (value < min) {
      throw new InvalidInputException(field, value, "expected an integer >= " + min);
    }
    return value;
  }

  public static double positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new InvalidInputException(field, value, "expected a finite number > 0");
    }
    return value;
  }

  public static double nonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new InvalidInputException(field, value, "expected a finite number >= 0");
    }
    return value;
  }
}
