package dev.funnel.delayed;

import dev.funnel.core.Checks;

/**
 * Settings of the semi-synthetic shop generator ({@link SyntheticGenerator}); every default is
 * justified in docs/delayed.md ("Generator").
 *
 * @param days length of the simulated period
 * @param clicksPerDay mean clicks per day
 * @param categories number of product categories
 * @param attributionWindowDays conversions later than this after the click are not attributed
 * @param baseRate conversion probability of an average click before drift, intent and the other
 *     effects (these lift the realised rate, 6.2% with the defaults and seed 1)
 * @param fastShare share of conversions that happen in the session (minutes)
 * @param slowMedianHours median delay of the other ("considered") conversions for a
 *     median-priced item in a category of median delay scale
 * @param cartBeforeBuy probability that a buyer adds the item to the cart before buying
 * @param cartAbandonRate share of carts that never convert; the non-buyer cart rate is calibrated
 *     to it on the drawn clicks (70%: the average documented abandonment rate, Baymard Institute)
 * @param promoEffect logit lift of a category during a promotion
 */
public record SyntheticConfig(
    int days,
    int clicksPerDay,
    int categories,
    int attributionWindowDays,
    double baseRate,
    double fastShare,
    double slowMedianHours,
    double cartBeforeBuy,
    double cartAbandonRate,
    double promoEffect) {

  public SyntheticConfig {
    Checks.atLeast("days", days, 2);
    Checks.atLeast("clicksPerDay", clicksPerDay, 10);
    Checks.atLeast("categories", categories, 2);
    Checks.atLeast("attributionWindowDays", attributionWindowDays, 1);
    Checks.inRange("baseRate", baseRate, 1e-4, 0.5);
    Checks.inRange("fastShare", fastShare, 0, 1);
    Checks.positive("slowMedianHours", slowMedianHours);
    Checks.inRange("cartBeforeBuy", cartBeforeBuy, 0, 1);
    Checks.inRange("cartAbandonRate", cartAbandonRate, 0, 0.99);
    Checks.finite("promoEffect", promoEffect);
  }

  /** The default scenario: 30 days, 6,000 clicks a day, 20 categories, 7-day attribution. */
  public static SyntheticConfig defaults() {
    // slowMedianHours = 96: with the in-session share of 35%, the delays (before the attribution
    // window cuts them) put 38% of the conversions within 30 days in the first hour and 53% in
    // the first 24 hours, as on Criteo's traffic (about 35% and 50%, Chapelle, KDD 2014, Fig. 1)
    return new SyntheticConfig(30, 6000, 20, 7, 0.04, 0.35, 96, 0.8, 0.7, 1.0);
  }

  public SyntheticConfig withDays(int d) {
    return new SyntheticConfig(d, clicksPerDay, categories, attributionWindowDays, baseRate, fastShare, slowMedianHours, cartBeforeBuy, cartAbandonRate, promoEffect);
  }

  public SyntheticConfig withClicksPerDay(int n) {
    return new SyntheticConfig(days, n, categories, attributionWindowDays, baseRate, fastShare, slowMedianHours, cartBeforeBuy, cartAbandonRate, promoEffect);
  }
}
