package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.EventType;
import dev.funnel.core.InvalidInputException;

/**
 * Graded relevance from feedback: the strongest event on an impression decides its label
 * (default purchase 3, add to cart 2, click 1, shown but skipped 0), increasing with intent as in
 * e-commerce LTR practice (e.g. Karmaker Santu et al., SIGIR 2017, grade purchases over carts
 * over clicks). Labels are small integers because LightGBM's lambdarank indexes its gain table
 * by label.
 */
public record LabelGrades(int click, int cart, int purchase) {
  public static final LabelGrades DEFAULT = new LabelGrades(1, 2, 3);

  public LabelGrades {
    Checks.atLeast("click", click, 1);
    if (cart < click || purchase < cart) {
      throw new InvalidInputException("grades", click + "," + cart + "," + purchase, "expected click <= cart <= purchase");
    }
    Checks.atLeast("purchase", purchase, 1);
    if (purchase > 30) {
      throw new InvalidInputException("purchase", purchase, "expected a grade <= 30 (LightGBM's default gain table)");
    }
  }

  /** The grade of one event type; impressions grade 0. */
  public int of(EventType t) {
    return switch (t) {
      case IMPRESSION -> 0;
      case CLICK -> click;
      case ADD_TO_CART -> cart;
      case PURCHASE -> purchase;
    };
  }
}
