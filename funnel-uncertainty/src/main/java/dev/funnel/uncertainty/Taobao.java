package dev.funnel.uncertainty;

import dev.funnel.data.TaobaoUserBehavior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Taobao UserBehavior sample, read by the one Taobao reader ({@link TaobaoUserBehavior}) ({@code conversions/taobao_sample/UserBehavior.csv}, no header:
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
    for (TaobaoUserBehavior.Event e : TaobaoUserBehavior.read(file)) {
      String pair = e.user() + "/" + e.item();
      int[] c = pairs.computeIfAbsent(pair, k -> new int[4]);
      category.putIfAbsent(pair, e.category());
      c[e.behavior().ordinal()]++;
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
