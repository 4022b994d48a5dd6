package dev.funnel.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QueryNormalizerTest {
  private static final QueryNormalizer[] ALL = {
    QueryNormalizer.DEFAULT, QueryNormalizer.TERMS, QueryNormalizer.BAG, new QueryNormalizer(false, false, false)
  };

  @Test
  void foldsCaseWidthPunctuationAndWhitespace() {
    QueryNormalizer n = new QueryNormalizer(false, false, false);
    assertEquals("amazon gift cards", n.normalize("  Amazon\tGift-Cards!! "));
    assertEquals("gift card", n.normalize("ＧＩＦＴ　ＣＡＲＤ"));
    assertEquals("mens watch 25.00 1,000", n.normalize("Men's watch $25.00 (1,000)"));
    assertEquals("mens watch", n.normalize("Men\u2019s watch"));
    assertEquals("", n.normalize(" ...!? "));
    assertEquals("", n.normalize(null));
    assertEquals("fi", n.normalize("\uFB01"));
  }

  @Test
  void stemsPluralsOnly() {
    assertEquals("card", QueryNormalizer.sStem("cards"));
    assertEquals("puppy", QueryNormalizer.sStem("puppies"));
    assertEquals("glasse", QueryNormalizer.sStem("glasses"));
    assertEquals("toe", QueryNormalizer.sStem("toes"));
    assertEquals("class", QueryNormalizer.sStem("class"));
    assertEquals("bonus", QueryNormalizer.sStem("bonus"));
    assertEquals("gas", QueryNormalizer.sStem("gas"));
    assertEquals("card", QueryNormalizer.sStem("card"));
    assertEquals("amazon gift card", QueryNormalizer.DEFAULT.normalize("Amazon Gift Cards"));
  }

  @Test
  void removesStopWordsUnlessNothingRemains() {
    assertEquals("gift card mom", QueryNormalizer.TERMS.normalize("gift cards for the mom"));
    assertEquals("to be or not to be", QueryNormalizer.TERMS.normalize("To be, or not to be"));
    assertEquals("card gift mom", QueryNormalizer.BAG.normalize("mom gift cards for mom"));
  }

  /** Random strings over a hostile alphabet: cases, widths, ligatures, marks, punctuation. */
  private static String randomText(SplittableRandom r) {
    String[] pieces = {
      "a", "B", "gift", "Cards", "PUPPIES", "glasses", "the", "for", "'", "\u2019", ".", ",", "-", "!",
      " ", "  ", "\t", "\n", "1", "25", "Ａ", "ｂ", "\uFB01", "\u0301", "e\u0301", "\u00e9", "İ", "ß", "ẞ",
      "Ω", "\u2126", "\u1D2C", "µ", "½", "$", "&", "中文", "Straße", "x's", "2.5", "1,0", "us", "ies"
    };
    StringBuilder sb = new StringBuilder();
    int len = r.nextInt(12);
    for (int i = 0; i < len; i++) {
      sb.append(pieces[r.nextInt(pieces.length)]);
    }
    return sb.toString();
  }

  @Test
  void idempotentOnRandomText() {
    long seed = 20261122L;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(r);
      for (QueryNormalizer n : ALL) {
        String once = n.normalize(text);
        assertEquals(once, n.normalize(once), () -> "seed " + seed + " normaliser " + n + " text [" + text + "]");
        assertEquals(n.tokens(text), n.tokens(once), () -> "seed " + seed + " tokens of [" + text + "]");
      }
    }
  }

  @Test
  void whitespaceAndPunctuationBetweenWordsDoNotMatter() {
    long seed = 7L;
    SplittableRandom r = new SplittableRandom(seed);
    String[] words = {"Amazon", "gift", "CARDS", "puppies", "Ｘbox", "men's", "25.00", "for", "the"};
    String[] separators = {" ", "  ", "\t", " - ", ", ", "! ", " / ", "\u3000", " (", ") "};
    for (int i = 0; i < 5_000; i++) {
      List<String> picked = new ArrayList<>();
      int len = 1 + r.nextInt(5);
      for (int j = 0; j < len; j++) {
        picked.add(words[r.nextInt(words.length)]);
      }
      String plain = String.join(" ", picked);
      StringBuilder noisy = new StringBuilder(separators[r.nextInt(separators.length)]);
      for (String w : picked) {
        noisy.append(w).append(separators[r.nextInt(separators.length)]);
      }
      for (QueryNormalizer n : ALL) {
        assertEquals(n.normalize(plain), n.normalize(noisy.toString()), "seed " + seed + " text [" + noisy + "]");
      }
      Collections.shuffle(picked, new java.util.Random(r.nextLong()));
      assertEquals(
          QueryNormalizer.BAG.normalize(plain),
          QueryNormalizer.BAG.normalize(String.join(" ", picked)),
          "seed " + seed + ": bag keys ignore word order");
    }
  }
}
