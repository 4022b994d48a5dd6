package dev.funnel.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lower-cased letter/digit runs: the token definition shared by query and keyword features. */
final class Tokens {
  private Tokens() {}

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    String s = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean word = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      }
    }
    return out;
  }
}
