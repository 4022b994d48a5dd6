package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Splits simple CSV lines (no quoted commas: every file this module reads is plain numbers and ids). */
final class Csv {
  private Csv() {}

  static String[] fields(String line) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= line.length(); i++) {
      if (i == line.length() || line.charAt(i) == ',') {
        out.add(line.substring(start, i).trim());
        start = i + 1;
      }
    }
    return out.toArray(String[]::new);
  }

  static double number(String text, String where, String field) {
    try {
      double v = Double.parseDouble(text);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where, field, text, "expected a finite number");
    }
  }

  static boolean label(String text, String where, String field) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "1.0", "true" -> true;
      case "0", "0.0", "false" -> false;
      default -> throw new InvalidInputException(where, field, text, "expected a label 0/1 or true/false");
    };
  }
}
