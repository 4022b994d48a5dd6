package dev.funnel.delayed;

import dev.funnel.data.TaobaoUserBehavior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Taobao UserBehavior CSV through the one Taobao reader ({@link TaobaoUserBehavior}) (no header: {@code user,item,category,behavior,unix_ts},
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

  public static ClickData read(Path file, long attributionWindow) throws IOException {
    List<TaobaoUserBehavior.Event> rows = new ArrayList<>(TaobaoUserBehavior.read(file));
    rows.sort(java.util.Comparator.comparingLong(TaobaoUserBehavior.Event::timestamp).thenComparingLong(TaobaoUserBehavior.Event::line));
    Map<String, Integer> itemViews = new HashMap<>();
    Map<String, Integer> catViews = new HashMap<>();
    Map<String, Integer> userViews = new HashMap<>();
    Map<String, Integer> userCarts = new HashMap<>();
    List<Touch> touches = new ArrayList<>();
    for (TaobaoUserBehavior.Event row : rows) {
      String key = row.user() + "|" + row.item();
      switch (row.behavior()) {
        case PAGE_VIEW -> {
          float[] x = {
            itemViews.getOrDefault(row.item(), 0), catViews.getOrDefault(row.category(), 0), userViews.getOrDefault(row.user(), 0),
            userCarts.getOrDefault(row.user(), 0), (float) ((row.timestamp() % 86_400) / 3600)
          };
          touches.add(Touch.click(key, row.timestamp(), x));
          itemViews.merge(row.item(), 1, Integer::sum);
          catViews.merge(row.category(), 1, Integer::sum);
          userViews.merge(row.user(), 1, Integer::sum);
        }
        case CART -> {
          touches.add(Touch.of(key, Touch.Kind.CART, row.timestamp()));
          userCarts.merge(row.user(), 1, Integer::sum);
        }
        case FAVOURITE -> touches.add(Touch.of(key, Touch.Kind.FAVOURITE, row.timestamp()));
        case BUY -> touches.add(Touch.of(key, Touch.Kind.CONVERSION, row.timestamp()));
      }
    }
    return new ClickData("taobao:" + file, SPEC, JourneyAssembler.assemble(touches, attributionWindow).journeys(), attributionWindow, null);
  }
}
