package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Taobao UserBehavior CSV (no header: {@code user,item,category,behavior,unix_ts},
 * behavior one of pv, cart, fav, buy). A click sample is the first page view of a (user, item)
 * pair; its conversion is a later buy of that item by that user within the attribution window;
 * carts, favourites and repeated page views in between are engagement (see
 * {@link JourneyAssembler}). Buys without an earlier view in the file are not samples. Features
 * at the view (causal counts of earlier events only): views of the item, views in the category,
 * views and carts by the user, and the hour.
 */
public final class TaobaoReader {
  static final FeatureSpec SPEC = new FeatureSpec(List.of("item_prior_views", "category_prior_views", "user_prior_views", "user_prior_carts", "hour"), Set.of());

  private TaobaoReader() {}

  private record Row(int line, String user, String item, String category, String behavior, long ts) {}

  public static ClickData read(Path file, long attributionWindow) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        String where = file + ":" + n;
        if (f.length != 5) {
          throw new InvalidInputException(where, "row", line, "expected 5 columns user,item,category,behavior,unix_ts");
        }
        if (!Set.of("pv", "cart", "fav", "buy").contains(f[3])) {
          throw new InvalidInputException(where, "behavior", f[3], "expected pv, cart, fav or buy");
        }
        long ts;
        try {
          ts = Long.parseLong(f[4].trim());
        } catch (NumberFormatException e) {
          throw new InvalidInputException(where, "unix_ts", f[4], "expected epoch seconds");
        }
        rows.add(new Row(n, f[0], f[1], f[2], f[3], ts));
      }
    }
    rows.sort(java.util.Comparator.comparingLong(Row::ts).thenComparingInt(Row::line));
    Map<String, Integer> itemViews = new HashMap<>();
    Map<String, Integer> catViews = new HashMap<>();
    Map<String, Integer> userViews = new HashMap<>();
    Map<String, Integer> userCarts = new HashMap<>();
    List<Touch> touches = new ArrayList<>();
    for (Row row : rows) {
      String key = row.user() + "|" + row.item();
      switch (row.behavior()) {
        case "pv" -> {
          float[] x = {
            itemViews.getOrDefault(row.item(), 0), catViews.getOrDefault(row.category(), 0), userViews.getOrDefault(row.user(), 0),
            userCarts.getOrDefault(row.user(), 0), (float) ((row.ts() % 86_400) / 3600)
          };
          touches.add(Touch.click(key, row.ts(), x));
          itemViews.merge(row.item(), 1, Integer::sum);
          catViews.merge(row.category(), 1, Integer::sum);
          userViews.merge(row.user(), 1, Integer::sum);
        }
        case "cart" -> {
          touches.add(Touch.of(key, Touch.Kind.CART, row.ts()));
          userCarts.merge(row.user(), 1, Integer::sum);
        }
        case "fav" -> touches.add(Touch.of(key, Touch.Kind.FAVOURITE, row.ts()));
        default -> touches.add(Touch.of(key, Touch.Kind.CONVERSION, row.ts()));
      }
    }
    return new ClickData("taobao:" + file, SPEC, JourneyAssembler.assemble(touches, attributionWindow).journeys(), attributionWindow, null);
  }
}
