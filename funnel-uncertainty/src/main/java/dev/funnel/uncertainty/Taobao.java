package dev.funnel.uncertainty;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Taobao UserBehavior sample ({@code conversions/taobao_sample/UserBehavior.csv}, no header:
 * {@code user,item,category,behavior,unix_ts}, behaviours pv, cart, fav, buy). One example per
 * (user, item) pair with at least one page view, cart or favourite event; label: the user bought
 * the item. Pairs with a purchase only are left out: their engagement pattern (none) would give
 * the label away, since such a pair exists only because of the purchase. Its key for the Beta posterior is the
 * item's category with the pair's engagement pattern (page views 0/1/2/3+, carted, favourited),
 * so the evidence count of a key varies from one pair to thousands.
 */
public final class Taobao {
  private Taobao() {}

  /** Keys and labels of all (user, item) pairs, in first-seen order. */
  public record Pairs(String[] keys, boolean[] labels) {}

  public static Pairs read(Path file) throws IOException {
    Map<String, int[]> pairs = new LinkedHashMap<>();
    Map<String, String> category = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      int ln = 0;
      while ((line = r.readLine()) != null) {
        ln++;
        String[] f = Csv.fields(line);
        if (f.length != 5) {
          throw new InvalidInputException(file + ":" + ln, "columns", f.length, "expected user,item,category,behavior,unix_ts");
        }
        String pair = f[0] + "/" + f[1];
        int[] c = pairs.computeIfAbsent(pair, k -> new int[4]);
        category.putIfAbsent(pair, f[2]);
        switch (f[3]) {
          case "pv" -> c[0]++;
          case "cart" -> c[1]++;
          case "fav" -> c[2]++;
          case "buy" -> c[3]++;
          default -> throw new InvalidInputException(file + ":" + ln, "behavior", f[3], "expected pv, cart, fav or buy");
        }
      }
    }
    List<String> keys = new ArrayList<>();
    List<Boolean> bought = new ArrayList<>();
    for (Map.Entry<String, int[]> e : pairs.entrySet()) {
      int[] c = e.getValue();
      if (c[0] + c[1] + c[2] == 0) {
        continue;
      }
      keys.add(category.get(e.getKey()) + "|pv" + Math.min(c[0], 3) + "|cart" + (c[1] > 0 ? 1 : 0) + "|fav" + (c[2] > 0 ? 1 : 0));
      bought.add(c[3] > 0);
    }
    boolean[] labels = new boolean[bought.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = bought.get(i);
    }
    return new Pairs(keys.toArray(String[]::new), labels);
  }
}
