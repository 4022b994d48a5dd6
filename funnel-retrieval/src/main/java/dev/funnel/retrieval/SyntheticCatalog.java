package dev.funnel.retrieval;

import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A seeded synthetic product catalog for speed benchmarks, with the statistical shape of real
 * text:
 *
 * <ul>
 *   <li>a vocabulary of {@code vocabulary} pronounceable pseudo-words whose frequencies follow
 *       Zipf's law with exponent 1.0 (rank r has probability proportional to 1/r, the classic
 *       fit for English; Zipf 1949, Piantadosi 2014);
 *   <li>document lengths log-normal with median 40 tokens and sigma 0.6 (product title plus a
 *       short description), clipped to [3, 400]; the first 8 tokens form the title;
 *   <li>a category among 50 and a brand among 1,000, both Zipf-distributed, as keyword fields;
 *   <li>a log-normal price (median 25) and a Pareto(alpha = 1.2, minimum 1) popularity, minus 1
 *       so most items have little or none: the heavy tail of sales counts;
 *   <li>queries of 1 to 4 terms drawn from the same Zipf distribution, skipping the 50 most
 *       frequent words as a search box user would.
 * </ul>
 *
 * The same seed gives the same catalog and queries on every machine.
 */
public final class SyntheticCatalog {
  private static final String[] ONSETS = {"b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};
  private static final String[] CODAS = {"", "", "n", "r", "s", "l", "x", "m"};
  private static final int TITLE_TOKENS = 8;
  private static final int SKIPPED_QUERY_RANKS = 50;

  private final long seed;
  private final String[] words;
  private final double[] cdf;
  private final double[] categoryCdf;
  private final double[] brandCdf;

  public SyntheticCatalog(long seed, int vocabulary) {
    Checks.atLeast("vocabulary", vocabulary, SKIPPED_QUERY_RANKS + 10);
    this.seed = seed;
    SplittableRandom rnd = new SplittableRandom(seed);
    this.words = new String[vocabulary];
    java.util.Set<String> used = new java.util.HashSet<>();
    for (int i = 0; i < vocabulary; i++) {
      String w;
      do {
        StringBuilder sb = new StringBuilder();
        int syllables = 1 + rnd.nextInt(3) + (i > 1000 ? 1 : 0);
        for (int s = 0; s < syllables; s++) {
          sb.append(ONSETS[rnd.nextInt(ONSETS.length)]).append(VOWELS[rnd.nextInt(VOWELS.length)]);
        }
        sb.append(CODAS[rnd.nextInt(CODAS.length)]);
        w = sb.toString();
      } while (!used.add(w));
      words[i] = w;
    }
    this.cdf = zipfCdf(vocabulary, 1.0);
    this.categoryCdf = zipfCdf(50, 1.0);
    this.brandCdf = zipfCdf(1000, 1.0);
  }

  private static double[] zipfCdf(int n, double s) {
    double[] c = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, s);
      c[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      c[i] /= sum;
    }
    return c;
  }

  private static int sample(double[] cdf, SplittableRandom rnd) {
    int i = java.util.Arrays.binarySearch(cdf, rnd.nextDouble());
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }

  /** {@code n} items, generated lazily. */
  public Iterator<Item> items(int n) {
    SplittableRandom rnd = new SplittableRandom(seed).split();
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Item next() {
        if (i >= n) {
          throw new NoSuchElementException();
        }
        return item(i++, rnd);
      }
    };
  }

  private Item item(int i, SplittableRandom rnd) {
    int len = (int) Math.round(Math.exp(Math.log(40) + 0.6 * gaussian(rnd)));
    len = Math.max(3, Math.min(400, len));
    StringBuilder title = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (int t = 0; t < len; t++) {
      StringBuilder sb = t < TITLE_TOKENS ? title : body;
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(words[sample(cdf, rnd)]);
    }
    Map<String, String> text = body.isEmpty() ? Map.of("title", title.toString()) : Map.of("title", title.toString(), "description", body.toString());
    double price = Math.round(Math.exp(Math.log(25) + 0.8 * gaussian(rnd)) * 100) / 100.0;
    double popularity = Math.floor(Math.pow(1 - rnd.nextDouble(), -1 / 1.2)) - 1;
    return new Item(
        String.format(java.util.Locale.ROOT, "s%07d", i),
        text,
        Map.of("category", List.of("cat" + sample(categoryCdf, rnd)), "brand", List.of("brand" + sample(brandCdf, rnd))),
        Map.of("price", price, "popularity", popularity));
  }

  /** {@code n} queries of 1 to 4 terms. */
  public List<String> queries(int n) {
    SplittableRandom rnd = new SplittableRandom(seed).split().split();
    List<String> out = new ArrayList<>(n);
    for (int q = 0; q < n; q++) {
      int terms = 1 + rnd.nextInt(4);
      StringBuilder sb = new StringBuilder();
      for (int t = 0; t < terms; t++) {
        int r;
        do {
          r = sample(cdf, rnd);
        } while (r < SKIPPED_QUERY_RANKS);
        if (t > 0) {
          sb.append(' ');
        }
        sb.append(words[r]);
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u1 = 1 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
