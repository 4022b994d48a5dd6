package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnel.core.Candidate;
import dev.funnel.core.Item;
import dev.funnel.core.Query;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The allocation-free token helpers agree with {@link Tokens#of}, and keyword features with the set-based definition. */
class TokensTest {
  private static final long SEED = 20261203;
  private static final String ALPHABET = "abcXYZ019 -_.,İıßÉé\t";

  private static String random(SplittableRandom rnd, int max) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  @Test
  void countAndContainsAgreeWithTheTokenList() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < 5000; i++) {
      String text = random(rnd, 24);
      List<String> tokens = Tokens.of(text);
      assertEquals(tokens.size(), Tokens.count(text), "count of '" + text + "' (seed " + SEED + ")");
      for (String t : tokens) {
        assertEquals(true, Tokens.contains(text, t), "'" + text + "' contains " + t);
      }
      String probe = Tokens.of(random(rnd, 4)).stream().findFirst().orElse("x");
      assertEquals(tokens.contains(probe), Tokens.contains(text, probe), "'" + text + "' contains " + probe);
    }
    assertEquals(0, Tokens.count(null));
    assertEquals(false, Tokens.contains(null, "a"));
  }

  @Test
  void keywordMatchEqualsTheSetDefinition() {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    KeywordMatchFeatures f = new KeywordMatchFeatures(List.of("brand", "category"));
    for (int i = 0; i < 2000; i++) {
      // the same query for several candidates in a row, as a request extracts them
      Query q = Query.of(random(rnd, 16));
      for (int c = 0; c < 3; c++) {
        List<String> brands = List.of(random(rnd, 10), random(rnd, 6));
        Item item = new Item("i" + i + "-" + c, Map.of("title", "t"), Map.of("brand", brands), Map.of());
        float[] out = new float[2];
        f.extract(q, Candidate.of(item.id(), "bm25", 1, 1), item, out, 0);
        List<String> qt = Tokens.of(q.text());
        Set<String> vocab = new HashSet<>();
        brands.forEach(v -> vocab.addAll(Tokens.of(v)));
        float expected = qt.isEmpty() ? 0 : (float) qt.stream().filter(vocab::contains).count() / qt.size();
        assertEquals(expected, out[0], "kw.brand of '" + q.text() + "' on " + brands + " (seed " + SEED + ")");
        assertEquals(0f, out[1], "no category field");
      }
    }
  }
}
