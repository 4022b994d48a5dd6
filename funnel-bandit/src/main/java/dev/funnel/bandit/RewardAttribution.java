package dev.funnel.bandit;

import dev.funnel.core.Candidate;
import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.core.Provenance;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns feedback on a served list into the reward of the bandit decision and each strategy's
 * credit. Each served item that received feedback is worth the largest weight among its
 * events ({@code click}, {@code add_to_cart}, {@code purchase}; impressions are worth 0), so a
 * click followed by a purchase counts once, as a purchase. The decision reward is
 * {@code min(1, Σ item values)}, bounded in [0, 1] so linear models and importance weights
 * stay on one scale. Each item's value is split equally among the strategies in its
 * provenance (the strategies that retrieved it); a strategy's share is its summed credit
 * divided by the total value (all shares 0 when nothing was clicked). Only strategies the
 * action ran can be credited; provenance naming other strategies is ignored.
 *
 * <p>Default weights click 1, add_to_cart 1, purchase 1: a decision is rewarded when the
 * served list produced any engagement, the "success" reward of the click simulator and of the
 * Open Bandit Dataset. Raise purchase above click to reward intent more strongly (the cap at
 * 1 then means "a purchase or several clicks").
 */
public final class RewardAttribution {
  private final Map<EventType, Double> weights;

  public RewardAttribution(double click, double addToCart, double purchase) {
    this.weights =
        Map.of(
            EventType.IMPRESSION, 0.0,
            EventType.CLICK, Checks.nonNegative("weight.click", click),
            EventType.ADD_TO_CART, Checks.nonNegative("weight.add_to_cart", addToCart),
            EventType.PURCHASE, Checks.nonNegative("weight.purchase", purchase));
  }

  public static RewardAttribution defaults() {
    return new RewardAttribution(1, 1, 1);
  }

  /** The reward of one decision and the share of it credited to each strategy. */
  public record Result(double reward, Map<String, Double> shares) {
    public Result {
      Checks.inRange("reward", reward, 0, 1);
      shares = Map.copyOf(shares);
    }

    /** A decision without any feedback. */
    public static Result none() {
      return new Result(0, Map.of());
    }
  }

  /**
   * Attributes the feedback {@code itemValues} (item id → value in [0, ∞)) to the strategies
   * of the served list.
   */
  public Result attributeValues(Action action, List<Candidate> served, Map<String, Double> itemValues) {
    Map<String, Double> credit = new TreeMap<>();
    double total = 0;
    Set<String> seen = new LinkedHashSet<>();
    for (Candidate c : served) {
      if (!seen.add(c.itemId())) {
        continue;
      }
      double value = itemValues.getOrDefault(c.itemId(), 0.0);
      if (value <= 0) {
        continue;
      }
      List<String> found = c.provenance().stream().map(Provenance::strategy).filter(s -> action.budget(s) > 0).distinct().toList();
      if (found.isEmpty()) {
        continue;
      }
      total += value;
      for (String s : found) {
        credit.merge(s, value / found.size(), Double::sum);
      }
    }
    Map<String, Double> shares = new TreeMap<>();
    for (String s : action.budgets().keySet()) {
      // min: rounding of the equal splits must not push a share past 1
      shares.put(s, total > 0 ? Math.min(1, credit.getOrDefault(s, 0.0) / total) : 0.0);
    }
    return new Result(Math.min(1, total), shares);
  }

  /** Attributes the events of one request (other requests' events are ignored by the caller). */
  public Result attribute(Action action, List<Candidate> served, List<Event> events) {
    Map<String, Double> values = new HashMap<>();
    for (Event e : events) {
      values.merge(e.itemId(), weights.get(e.type()), Math::max);
    }
    return attributeValues(action, served, values);
  }

  /** The cost-penalised reward {@code reward − λ·total/maxTotal} the policies learn from. */
  public static double penalised(double reward, Action action, int maxTotal, double costPenalty) {
    return reward - costPenalty * action.totalCandidates() / maxTotal;
  }
}
