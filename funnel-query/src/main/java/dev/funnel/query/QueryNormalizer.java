package dev.funnel.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns query text into a canonical key, so that "Amazon  Gift-Cards!" and "amazon gift card"
 * meet in the memory index. Steps, in order:
 *
 * <ol>
 *   <li>Unicode NFKC (full-width and compatibility forms fold: "ＧＩＦＴ" becomes "GIFT"), lower
 *       case in {@link Locale#ROOT}, NFKC again (lower-casing can leave non-normal sequences),
 *       repeated until nothing changes (at most 4 rounds; one round suffices for real text).
 *   <li>Tokens are maximal runs of letters, digits and combining marks. Apostrophes inside a word
 *       are dropped ("men's" becomes "mens"), a dot or comma between two digits is kept ("25.00",
 *       "1,000"); every other character separates tokens, so punctuation and whitespace fold.
 *   <li>Optional light stemming: the S-stemmer of Harman (1991), "How effective is suffixing?",
 *       JASIS 42(1): "-ies" to "-y" (not "-eies", "-aies"), "-es" to "-e" (not "-aes", "-ees",
 *       "-oes"), "-s" removed (not "-us", "-ss"); only tokens longer than 3 characters with a
 *       letter before the suffix. It only folds plurals, which is what query logs need.
 *   <li>Optional stop-word removal ({@link #STOP_WORDS}, after stemming), except when every token
 *       is a stop word ("the who" stays a query).
 *   <li>Optional token sort: tokens sorted and de-duplicated, a bag-of-words key.
 * </ol>
 *
 * Each step maps its own output to itself, so {@link #normalize} is idempotent; it is a pure
 * function of the text and the options (thread-safe, deterministic).
 */
public record QueryNormalizer(boolean stem, boolean removeStopWords, boolean sortTokens) {

  /** Memory keys: plurals folded, word order and stop words kept (they change intent: "for her"). */
  public static final QueryNormalizer DEFAULT = new QueryNormalizer(true, false, false);

  /** Term statistics for query understanding and predicted queries: stemmed, no stop words. */
  public static final QueryNormalizer TERMS = new QueryNormalizer(true, true, false);

  /** A bag-of-words key: stemmed, stop words removed, tokens sorted and unique. */
  public static final QueryNormalizer BAG = new QueryNormalizer(true, true, true);

  /**
   * English function words: the 33-word stop set of Lucene's EnglishAnalyzer. Short on purpose:
   * product queries are short and most words carry meaning.
   */
  public static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
          "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
          "they", "this", "to", "was", "will", "with");

  /** The normalised text: tokens joined by single spaces ("" when the text has no token). */
  public String normalize(String text) {
    return String.join(" ", tokens(text));
  }

  /** The normalised tokens, in query order (or sorted and unique with {@link #sortTokens}). */
  public List<String> tokens(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String folded = text;
    for (int round = 0; round < 4; round++) {
      String next = Normalizer.normalize(Normalizer.normalize(folded, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
      if (next.equals(folded)) {
        break;
      }
      folded = next;
    }
    List<String> tokens = split(folded);
    if (stem) {
      tokens.replaceAll(QueryNormalizer::sStem);
    }
    if (removeStopWords) {
      List<String> kept = new ArrayList<>(tokens.size());
      for (String t : tokens) {
        if (!STOP_WORDS.contains(t)) {
          kept.add(t);
        }
      }
      if (!kept.isEmpty()) {
        tokens = kept;
      }
    }
    if (sortTokens) {
      return List.copyOf(new TreeSet<>(tokens));
    }
    return List.copyOf(tokens);
  }

  private static boolean wordChar(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean apostrophe(int cp) {
    return cp == '\'' || cp == '\u2019';
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      int len = Character.charCount(cp);
      if (wordChar(cp)) {
        cur.appendCodePoint(cp);
      } else if (cur.length() > 0 && i + len < n) {
        int next = s.codePointAt(i + len);
        int prev = cur.codePointBefore(cur.length());
        if (apostrophe(cp) && Character.isLetter(prev) && Character.isLetter(next)) {
          // dropped inside a word: "men's" -> "mens"
        } else if ((cp == '.' || cp == ',') && Character.isDigit(prev) && Character.isDigit(next)) {
          cur.appendCodePoint(cp);
        } else {
          flush(cur, out);
        }
      } else {
        flush(cur, out);
      }
      i += len;
    }
    flush(cur, out);
    return out;
  }

  private static void flush(StringBuilder cur, List<String> out) {
    if (cur.length() > 0) {
      out.add(cur.toString());
      cur.setLength(0);
    }
  }

  /** Harman's S-stemmer (see the class comment), applied to one lower-case token. */
  static String sStem(String t) {
    int n = t.length();
    if (n <= 3 || t.charAt(n - 1) != 's' || !Character.isLetter(t.charAt(n - 2))) {
      return t;
    }
    if (t.endsWith("ies") && !t.endsWith("eies") && !t.endsWith("aies")) {
      return t.substring(0, n - 3) + "y";
    }
    if (t.endsWith("es") && !t.endsWith("aes") && !t.endsWith("ees") && !t.endsWith("oes")) {
      return t.substring(0, n - 1);
    }
    if (!t.endsWith("us") && !t.endsWith("ss")) {
      return t.substring(0, n - 1);
    }
    return t;
  }
}
