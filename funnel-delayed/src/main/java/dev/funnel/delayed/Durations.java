package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations written as {@code 7d}, {@code 36h}, {@code 30m}, {@code 45s} or ISO-8601 ({@code PT1H}). */
public final class Durations {
  private Durations() {}

  /** The duration in whole seconds; {@code field} names the option in error messages. */
  public static long seconds(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException(field, text, "expected a duration such as 7d, 36h, 30m, 45s or PT1H");
    }
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return positive(field, text, Duration.parse(s.toUpperCase(Locale.ROOT)).toSeconds());
      }
      long unit = switch (s.charAt(s.length() - 1)) {
        case 'd' -> 86_400;
        case 'h' -> 3_600;
        case 'm' -> 60;
        case 's' -> 1;
        default -> throw new InvalidInputException(field, text, "expected a duration such as 7d, 36h, 30m, 45s or PT1H");
      };
      double v = Double.parseDouble(s.substring(0, s.length() - 1));
      return positive(field, text, Math.round(v * unit));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new InvalidInputException(field, text, "expected a duration such as 7d, 36h, 30m, 45s or PT1H");
    }
  }

  private static long positive(String field, String text, long seconds) {
    if (seconds <= 0) {
      throw new InvalidInputException(field, text, "expected a positive duration");
    }
    return seconds;
  }

  /** Compact rendering ({@code 7d}, {@code 6h}, {@code 90m}, {@code 45s}). */
  public static String format(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
