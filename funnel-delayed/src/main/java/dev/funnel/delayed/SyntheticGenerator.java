package dev.funnel.delayed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded semi-synthetic shop with delayed conversions and pre-conversion engagement. Mechanics
 * (defaults and their sources in docs/delayed.md):
 *
 * <ul>
 *   <li>clicks arrive with a diurnal rhythm; each has a category (Zipf popularity), a log-normal
 *       price around a category-specific level, a device, the hour and the user's earlier visits
 *       (a noisy proxy of the user's latent intent u ~ N(0,1), which is not a feature);
 *   <li>the conversion probability is logistic in: a drifting base rate (weekly cycle and a
 *       slow trend), a fixed category effect, category promotions (a few days, a logit lift),
 *       price (dearer converts less), device and intent. It is stored as the ground truth;
 *   <li>delays are a mixture: in-session conversions (log-normal, median 10 minutes) and
 *       considered ones (log-normal, median {@code slowMedianHours} times a per-category scale
 *       (log-normal, sigma 1.2, drawn independently of the category's rate) times 1.5 per e-fold
 *       of price, sigma 1.2 so a tail of days); conversions after the attribution window are
 *       lost;
 *   <li>buyers add to cart before buying with probability {@code cartBeforeBuy} (most often in
 *       the click's session, otherwise at a random time before the purchase), may favourite the
 *       item and come back to view it before buying; non-buyers also add to cart (more often with
 *       higher intent), at a rate calibrated on the drawn clicks so that {@code cartAbandonRate}
 *       of carts end without a purchase, and also favourite and revisit.
 * </ul>
 *
 * Every click becomes touches fed through {@link JourneyAssembler}, the path of real data.
 */
public final class SyntheticGenerator {
  /** Start of the simulated period. */
  public static final long EPOCH = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond();

  static final FeatureSpec SPEC = new FeatureSpec(List.of("category", "log_price", "device", "prior_visits", "hour"), Set.of(0, 2));
  private static final double DAY = 86_400;

  private SyntheticGenerator() {}

  public static ClickData generate(SyntheticConfig c, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom world = root.split();
    SplittableRandom clicks = root.split();
    SplittableRandom after = root.split();
    int k = c.categories();
    double[] popularity = new double[k];
    double[] catEffect = new double[k];
    double[] catPrice = new double[k];
    double[] catDelay = new double[k];
    double popSum = 0;
    for (int i = 0; i < k; i++) {
      popularity[i] = 1.0 / (i + 1); // Zipf(1) popularity of categories
      popSum += popularity[i];
      catEffect[i] = 0.5 * world.nextGaussian();
      catDelay[i] = Math.exp(1.2 * world.nextGaussian()); // per-category delay scale, independent of the rate
      catPrice[i] = 2.0 + 4.0 * world.nextDouble(); // median prices from e^2 = 7 to e^6 = 400
    }
    // promotions: per category, a Poisson process of one start per 12 days, lasting 2-5 days
    List<List<double[]>> promos = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<double[]> ps = new ArrayList<>();
      double t = -DAY * 5 * world.nextDouble();
      while (true) {
        t += -Math.log(1 - world.nextDouble()) * 12 * DAY;
        if (t > c.days() * DAY) {
          break;
        }
        ps.add(new double[] {t, t + DAY * (2 + 3 * world.nextDouble())});
      }
      promos.add(ps);
    }
    double baseLogit = Math.log(c.baseRate() / (1 - c.baseRate()));
    long window = c.attributionWindowDays() * 86_400L;
    int n = c.days() * c.clicksPerDay();
    long[] clickAt = new long[n];
    int[] cats = new int[n];
    double[] logPrices = new double[n];
    double[] intent = new double[n];
    double[] truth = new double[n];
    boolean[] buys = new boolean[n];
    List<Touch> touches = new ArrayList<>();
    int buyers = 0;
    for (int i = 0; i < n; i++) {
      double tSec = diurnalTime(clicks, c.days());
      int cat = sample(clicks, popularity, popSum);
      double logPrice = catPrice[cat] + 0.5 * clicks.nextGaussian();
      double dr = clicks.nextDouble();
      int device = dr < 0.6 ? 0 : dr < 0.9 ? 1 : 2; // mobile, desktop, tablet
      double u = clicks.nextGaussian();
      int prior = poisson(clicks, Math.exp(0.3 + 0.6 * u));
      double hour = (tSec % DAY) / 3600.0;
      double day = tSec / DAY;
      double logit = baseLogit
          + 0.25 * Math.sin(2 * Math.PI * day / 7) + 0.3 * (day / c.days() - 0.5)
          + catEffect[cat]
          + (inPromo(promos.get(cat), tSec) ? c.promoEffect() : 0)
          - 0.4 * (logPrice - 4)
          + (device == 1 ? 0.3 : device == 2 ? 0.1 : 0)
          + 0.8 * u;
      clickAt[i] = EPOCH + (long) tSec;
      cats[i] = cat;
      logPrices[i] = logPrice;
      intent[i] = u;
      truth[i] = 1 / (1 + Math.exp(-logit));
      buys[i] = clicks.nextDouble() < truth[i];
      buyers += buys[i] ? 1 : 0;
      float[] x = {cat, (float) logPrice, device, Math.min(prior, 20), (float) Math.floor(hour)};
      touches.add(Touch.click("s" + i, clickAt[i], x));
    }
    // non-buyers add to cart with probability sigmoid(a + 0.8 u); a is set so that the expected
    // share of carts that never convert is cartAbandonRate
    double targetCarts = buyers * c.cartBeforeBuy() * c.cartAbandonRate() / (1 - c.cartAbandonRate());
    double cartOffset = calibrate(intent, buys, targetCarts);
    for (int i = 0; i < n; i++) {
      String key = "s" + i;
      long click = clickAt[i];
      double u = intent[i];
      if (buys[i]) {
        double delay = after.nextDouble() < c.fastShare()
            ? logNormal(after, 600, 0.8)
            : logNormal(after, c.slowMedianHours() * 3600 * catDelay[cats[i]] * Math.pow(1.5, logPrices[i] - 4), 1.2);
        delay = Math.max(1, delay);
        touches.add(Touch.of(key, Touch.Kind.CONVERSION, click + (long) delay));
        if (after.nextDouble() < c.cartBeforeBuy()) {
          double at = after.nextDouble() < 0.6 ? Math.min(logNormal(after, 300, 1.0), delay * after.nextDouble()) : delay * after.nextDouble();
          touches.add(Touch.of(key, Touch.Kind.CART, click + (long) at));
        }
        if (after.nextDouble() < 0.25) {
          touches.add(Touch.of(key, Touch.Kind.FAVOURITE, click + (long) (delay * after.nextDouble())));
        }
        int views = poisson(after, 1.2 * Math.min(1, delay / DAY));
        for (int v = 0; v < views; v++) {
          touches.add(Touch.of(key, Touch.Kind.VIEW, click + (long) (delay * after.nextDouble())));
        }
      } else {
        if (after.nextDouble() < sigmoid(cartOffset + 0.8 * u)) {
          touches.add(Touch.of(key, Touch.Kind.CART, click + (long) logNormal(after, 1800, 1.5)));
        }
        if (after.nextDouble() < 0.04 * Math.exp(0.5 * u)) {
          touches.add(Touch.of(key, Touch.Kind.FAVOURITE, click + (long) logNormal(after, 7200, 1.5)));
        }
        int views = poisson(after, 0.3 * Math.exp(0.5 * u));
        for (int v = 0; v < views; v++) {
          touches.add(Touch.of(key, Touch.Kind.VIEW, click + (long) logNormal(after, DAY, 1.5)));
        }
      }
    }
    List<Journey> journeys = JourneyAssembler.assemble(touches, window).journeys();
    // ground truth in the journeys' (click time, id) order
    java.util.Map<String, Double> byId = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      byId.put("s" + i + "@" + clickAt[i], truth[i]);
    }
    double[] gt = new double[journeys.size()];
    for (int i = 0; i < gt.length; i++) {
      gt[i] = byId.get(journeys.get(i).id());
    }
    return new ClickData("synthetic(seed=" + seed + ")", SPEC, journeys, window, gt);
  }

  /** The offset a with sum over non-buyers of sigmoid(a + 0.8 u) = target (bisection). */
  private static double calibrate(double[] intent, boolean[] buys, double target) {
    double lo = -20;
    double hi = 5;
    for (int it = 0; it < 60; it++) {
      double mid = (lo + hi) / 2;
      double sum = 0;
      for (int i = 0; i < intent.length; i++) {
        if (!buys[i]) {
          sum += sigmoid(mid + 0.8 * intent[i]);
        }
      }
      if (sum < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static boolean inPromo(List<double[]> ps, double t) {
    for (double[] p : ps) {
      if (t >= p[0] && t < p[1]) {
        return true;
      }
    }
    return false;
  }

  /** A time in [0, days) in seconds with traffic peaking in the evening (1 + 0.6 cos). */
  private static double diurnalTime(SplittableRandom r, int days) {
    while (true) {
      double t = r.nextDouble() * days * DAY;
      double h = (t % DAY) / 3600.0;
      if (r.nextDouble() * 1.6 < 1 + 0.6 * Math.cos(2 * Math.PI * (h - 20) / 24)) {
        return t;
      }
    }
  }

  private static int sample(SplittableRandom r, double[] w, double sum) {
    double x = r.nextDouble() * sum;
    for (int i = 0; i < w.length; i++) {
      x -= w[i];
      if (x < 0) {
        return i;
      }
    }
    return w.length - 1;
  }

  private static double logNormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * r.nextGaussian());
  }

  private static int poisson(SplittableRandom r, double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = r.nextDouble();
    while (p > l) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }
}
