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

  /** {@code of(text).size()}, without building the tokens. */
  static int count(String text) {
    if (text == null) {
      return 0;
    }
    String s = text.toLowerCase(Locale.ROOT);
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); i++) {
      boolean word = Character.isLetterOrDigit(s.charAt(i));
      if (word && !inWord) {
        n++;
      }
      inWord = word;
    }
    return n;
  }

  /** {@code of(text).contains(token)}, without building the tokens ({@code toLowerCase} returns the string itself when nothing changes). */
  static boolean contains(String text, String token) {
    if (text == null || token == null) {
      return false;
    }
    String s = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean word = i < s.length() && Character.isLetterOrDigit(s.charAt(i));
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        if (i - start == token.length() && s.regionMatches(start, token, 0, token.length())) {
          return true;
        }
        start = -1;
      }
    }
    return false;
  }
}
