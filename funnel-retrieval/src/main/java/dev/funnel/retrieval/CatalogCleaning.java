package dev.funnel.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * The one cleaning step every catalog text and keyword value goes through (JSON lines and Amazon;
 * BEIR corpora are plain text and are indexed as given, so published figures reproduce).
 *
 * <ul>
 *   <li>HTML to text: a value that holds markup ({@code <tag}, {@code </tag}, {@code <!}) or an
 *       entity ({@code &nbsp;}, {@code &#39;}) is parsed by jsoup as an HTML body fragment and
 *       replaced by its text. jsoup follows the HTML5 parsing rules, so unclosed tags and an
 *       unterminated {@code <span class="..."} are removed and entities decoded. Double-encoded
 *       markup ({@code &lt;b&gt;}) is parsed again, at most {@value #MAX_PASSES} times.
 *       Non-breaking spaces become spaces; runs of spaces collapse. A value without markup is
 *       kept as it is (line breaks included).
 *   <li>Keyword values are single-line: whitespace collapses to one space. In a field named
 *       {@code brand} a leading {@code "by "} is removed ({@code "by\n  Apple"} → {@code
 *       "Apple"}).
 *   <li>A keyword value is not a category, and is dropped (counted by reason), when it is empty
 *       after cleaning; longer than {@value #MAX_KEYWORD_WORDS} words; a sentence (at least
 *       {@value #MIN_PHRASE_WORDS} words ending in {@code . ! ?}); or a phrase of at least
 *       {@value #MIN_PHRASE_WORDS} words that also appears in the item's description (not for
 *       brands, whose names descriptions often repeat). Repeated
 *       values of one field are kept once. Dropped values are kept out of filters and query
 *       understanding, which read keyword fields only.
 *   <li>A title that is empty after cleaning falls back to the first sentence of the
 *       description (up to the first {@code . ! ?} followed by a space), cut to {@value
 *       #MAX_TITLE_WORDS} words.
 * </ul>
 */
public final class CatalogCleaning {
  /** Keyword values with more words than this are descriptions, not categories. */
  public static final int MAX_KEYWORD_WORDS = 8;
  /** Sentences and description phrases are recognised from this many words on. */
  public static final int MIN_PHRASE_WORDS = 4;
  /** A fallback title is at most this many words. */
  public static final int MAX_TITLE_WORDS = 12;
  static final int MAX_PASSES = 3;

  private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!?]|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u2007\\u202f]+");
  private static final Pattern BY = Pattern.compile("^(?i:by)\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)");

  private CatalogCleaning() {}

  /** True when the value holds an HTML tag start or an entity. */
  public static boolean hasMarkup(String s) {
    // Every match starts with '<' or '&': most values have neither and skip the regular expression.
    return (s.indexOf('<') >= 0 || s.indexOf('&') >= 0) && MARKUP.matcher(s).find();
  }

  /** The value as plain text (see the class documentation); {@code null} stays {@code null}. */
  public static String text(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw;
    for (int pass = 0; pass < MAX_PASSES && hasMarkup(s); pass++) {
      s = Jsoup.parseBodyFragment(s).body().text();
    }
    if (s.equals(raw)) {
      return raw.strip();
    }
    return SPACES.matcher(s).replaceAll(" ").strip();
  }

  /** One keyword value: plain text on one line; {@code "by X"} → {@code "X"} for brands. */
  public static String keyword(String field, String raw) {
    String s = SPACES.matcher(text(raw)).replaceAll(" ").strip();
    if ("brand".equals(field)) {
      s = BY.matcher(s).replaceFirst("");
    }
    return s;
  }

  /**
   * Why a cleaned keyword value is not a category, or {@code null} when it is one.
   *
   * @param description the item's cleaned description text, lower case ({@code ""} when none)
   */
  public static String notACategory(String field, String value, String description) {
    if (value.isEmpty()) {
      return "empty after cleaning";
    }
    int words = words(value);
    if (words > MAX_KEYWORD_WORDS) {
      return "longer than " + MAX_KEYWORD_WORDS + " words";
    }
    if (words >= MIN_PHRASE_WORDS) {
      char last = value.charAt(value.length() - 1);
      if (last == '.' || last == '!' || last == '?') {
        return "a sentence";
      }
      if (!"brand".equals(field) && description.contains(value.toLowerCase(Locale.ROOT))) {
        return "also in the description";
      }
    }
    return null;
  }

  /** Result of cleaning a field's keyword values: the kept ones and the drop reasons. */
  public record Keywords(List<String> kept, List<String> dropReasons, int cleaned) {}

  /** Cleans, de-duplicates and filters one keyword field's values. */
  public static Keywords keywords(String field, List<String> raw, String descriptionLower) {
    LinkedHashSet<String> kept = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>();
    int cleaned = 0;
    for (String r : raw) {
      String v = keyword(field, r);
      if (!v.equals(r)) {
        cleaned++;
      }
      String why = notACategory(field, v, descriptionLower);
      if (why != null) {
        reasons.add(why);
      } else if (!kept.add(v)) {
        reasons.add("repeated value");
      }
    }
    return new Keywords(List.copyOf(kept), reasons, cleaned);
  }

  /** The first sentence of a text, at most {@value #MAX_TITLE_WORDS} words; {@code ""} for none. */
  public static String firstSentence(String text) {
    if (text == null) {
      return "";
    }
    String s = SPACES.matcher(text).replaceAll(" ").strip();
    var m = SENTENCE_END.matcher(s);
    if (m.find()) {
      s = s.substring(0, m.end());
    }
    String[] w = s.isEmpty() ? new String[0] : s.split(" ");
    if (w.length > MAX_TITLE_WORDS) {
      s = String.join(" ", java.util.Arrays.copyOf(w, MAX_TITLE_WORDS));
    }
    return s;
  }

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }
}
