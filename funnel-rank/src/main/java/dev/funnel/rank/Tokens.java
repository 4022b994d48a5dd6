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
    for (int start = wordStart(s, 0); start < s.length(); ) {
      int end = wordEnd(s, start);
      out.add(s.substring(start, end));
      start = wordStart(s, end);
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
    for (int start = wordStart(s, 0); start < s.length(); start = wordStart(s, wordEnd(s, start))) {
      n++;
    }
    return n;
  }

  /** {@code of(text).contains(token)}, without building the tokens ({@code toLowerCase} returns the string itself when nothing changes). */
  static boolean contains(String text, String token) {
    if (text == null || token == null) {
      return false;
    }
    String s = text.toLowerCase(Locale.ROOT);
    for (int start = wordStart(s, 0); start < s.length(); ) {
      int end = wordEnd(s, start);
      if (end - start == token.length() && s.regionMatches(start, token, 0, token.length())) {
        return true;
      }
      start = wordStart(s, end);
    }
    return false;
  }

  /** The first index at or after {@code from} that starts a word (a letter or digit), or {@code s.length()}. */
  private static int wordStart(String s, int from) {
    int i = from;
    while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index just after the word that starts at {@code start}. */
  private static int wordEnd(String s, int start) {
    int i = start;
    while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
