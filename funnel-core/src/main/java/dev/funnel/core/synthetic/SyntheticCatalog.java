package dev.funnel.core.synthetic;

import dev.funnel.core.Checks;
import dev.funnel.core.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A seeded, shop-like catalog for demos, tests and scale runs when no real catalog is at hand.
 * Items have a title (brand, adjectives, category noun, model code), a description drawn from a
 * Zipf-distributed vocabulary (exponent 1.07, close to what English text shows), a category and a
 * brand (keyword fields), a log-normal price whose median depends on the category, and a
 * Pareto-distributed popularity (shape 1.2: a few best sellers, a long tail). The same seed and
 * size always give the same items; item {@code i} depends only on the seed and {@code i}.
 */
public final class SyntheticCatalog {
  private static final String[] CATEGORIES = {
    "headphones", "phone case", "charger", "backpack", "running shoes", "coffee maker", "desk lamp",
    "water bottle", "yoga mat", "keyboard", "mouse", "monitor", "tent", "sleeping bag", "jacket",
    "sunglasses", "watch", "blender", "cookware set", "gift card", "board game", "notebook",
    "pen set", "speaker", "camera", "tripod", "bicycle helmet", "wallet", "scarf", "teapot"
  };
  private static final String[] ADJECTIVES = {
    "wireless", "portable", "compact", "premium", "classic", "lightweight", "waterproof", "ergonomic",
    "vintage", "smart", "foldable", "insulated", "organic", "rechargeable", "slim", "rugged", "deluxe",
    "mini", "pro", "eco"
  };
  private static final String[] COLORS = {"black", "white", "red", "blue", "green", "grey", "pink", "navy", "olive", "beige"};
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ra", "zen", "tor", "vi", "ex", "no", "pa", "qu", "sil", "ber", "dan", "fy", "gro", "hel", "jo", "lux", "mar"
  };
  private static final double ZIPF_EXPONENT = 1.07;
  private static final double PARETO_SHAPE = 1.2;

  private final long seed;
  private final int size;
  private final String[] vocabulary;
  private final double[] zipfCdf;
  private final String[] brands;

  public SyntheticCatalog(long seed, int size) {
    this.seed = seed;
    this.size = Checks.atLeast("items", size, 1);
    SplittableRandom r = new SplittableRandom(seed);
    this.vocabulary = words(r.split(), 5000);
    this.zipfCdf = zipfCdf(vocabulary.length, ZIPF_EXPONENT);
    this.brands = new String[Math.max(10, Math.min(400, size / 25))];
    SplittableRandom br = r.split();
    for (int i = 0; i < brands.length; i++) {
      brands[i] = capitalise(word(br, 2 + br.nextInt(2)));
    }
  }

  public int size() {
    return size;
  }

  public long seed() {
    return seed;
  }

  /** The vocabulary's word at Zipf rank {@code rank} (0 = most frequent). */
  public String word(int rank) {
    return vocabulary[rank];
  }

  /** A word drawn from the Zipf vocabulary distribution. */
  public String sampleWord(SplittableRandom r) {
    double u = r.nextDouble();
    int lo = 0;
    int hi = zipfCdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (zipfCdf[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return vocabulary[lo];
  }

  /** Item {@code i} (0-based). */
  public Item item(int i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    int category = (int) Math.min(CATEGORIES.length - 1, Math.floor(-Math.log(1 - r.nextDouble()) * CATEGORIES.length / 3.0));
    String brand = brands[r.nextInt(brands.length)];
    String adjective = ADJECTIVES[r.nextInt(ADJECTIVES.length)];
    String color = COLORS[r.nextInt(COLORS.length)];
    String title = brand + " " + adjective + " " + color + " " + CATEGORIES[category] + " " + modelCode(r);
    int descLen = (int) Math.max(8, Math.round(Math.exp(3.4 + 0.5 * r.nextGaussian())));
    StringBuilder desc = new StringBuilder();
    desc.append("A ").append(adjective).append(' ').append(CATEGORIES[category]).append(" by ").append(brand).append('.');
    for (int w = 0; w < descLen; w++) {
      desc.append(' ').append(sampleWord(r));
    }
    double medianPrice = 15 + 12 * category;
    double price = Math.round(medianPrice * Math.exp(0.6 * r.nextGaussian()) * 100) / 100.0;
    double popularity = Math.floor(Math.pow(1 - r.nextDouble(), -1 / PARETO_SHAPE) - 1);
    Map<String, String> text = new LinkedHashMap<>();
    text.put("title", title);
    text.put("description", desc.toString());
    return new Item(
        String.format(Locale.ROOT, "p%07d", i),
        text,
        Map.of("category", List.of(CATEGORIES[category]), "brand", List.of(brand)),
        Map.of("price", price, "popularity", popularity));
  }

  public Stream<Item> items() {
    return IntStream.range(0, size).mapToObj(this::item);
  }

  private static String modelCode(SplittableRandom r) {
    return (char) ('A' + r.nextInt(26)) + "" + (char) ('A' + r.nextInt(26)) + "-" + (100 + r.nextInt(900));
  }

  private static String[] words(SplittableRandom r, int n) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    while (out.size() < n) {
      out.add(word(r, 1 + r.nextInt(3)));
    }
    return out.toArray(String[]::new);
  }

  private static String word(SplittableRandom r, int syllables) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < syllables; s++) {
      sb.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
    }
    return sb.toString();
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static double[] zipfCdf(int n, double s) {
    double[] cdf = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cdf[k] = sum;
    }
    for (int k = 0; k < n; k++) {
      cdf[k] /= sum;
    }
    return cdf;
  }

  /** All category names, for query generators. */
  public static List<String> categories() {
    return new ArrayList<>(List.of(CATEGORIES));
  }
}
