package dev.funnel.delayed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntheticGeneratorTest {
  static final SyntheticConfig SMALL = SyntheticConfig.defaults().withDays(10).withClicksPerDay(500);

  @Test
  void deterministicBySeed() {
    ClickData a = SyntheticGenerator.generate(SMALL, 42);
    ClickData b = SyntheticGenerator.generate(SMALL, 42);
    ClickData c = SyntheticGenerator.generate(SMALL, 43);
    assertEquals(a.journeys().size(), b.journeys().size());
    for (int i = 0; i < a.journeys().size(); i++) {
      Journey x = a.journeys().get(i);
      Journey y = b.journeys().get(i);
      assertEquals(x.id(), y.id());
      assertEquals(x.conversionTime(), y.conversionTime());
      assertArrayEquals(x.features(), y.features());
      assertArrayEquals(x.engagementTimes(), y.engagementTimes());
    }
    assertArrayEquals(a.groundTruth(), b.groundTruth());
    assertNotEquals(a.conversions(), c.conversions(), "another seed gives another world");
  }

  @Test
  void mechanicsAreAsDocumented() {
    ClickData d = SyntheticGenerator.generate(SMALL, 1);
    assertEquals(10 * 500, d.journeys().size());
    int carts = 0;
    int cartBuys = 0;
    int conv = 0;
    int convWithCartBefore = 0;
    int overADay = 0;
    for (Journey j : d.journeys()) {
      boolean carted = false;
      for (int i = 0; i < j.engagementKinds().length; i++) {
        if (j.engagementKinds()[i] == EngagementKind.CART) {
          carted = true;
          if (j.converted()) {
            assertTrue(j.engagementTimes()[i] <= j.conversionTime(), "a buyer's cart precedes the purchase");
          }
        }
      }
      if (carted) {
        carts++;
        cartBuys += j.converted() ? 1 : 0;
      }
      if (j.converted()) {
        conv++;
        convWithCartBefore += carted ? 1 : 0;
        overADay += j.delay() > 86_400 ? 1 : 0;
        assertTrue(j.delay() <= d.attributionWindow());
      }
    }
    double rate = conv / (double) d.journeys().size();
    assertTrue(rate > 0.02 && rate < 0.12, "conversion rate " + rate);
    double buyGivenCart = cartBuys / (double) carts;
    assertTrue(buyGivenCart > 0.15 && buyGivenCart < 0.5, "P(buy | cart) " + buyGivenCart);
    assertTrue(convWithCartBefore / (double) conv > 0.6, "most purchases go through the cart");
    assertTrue(overADay / (double) conv > 0.1, "a tail of conversions after more than a day: " + overADay + "/" + conv);
    for (double p : d.groundTruth()) {
      assertTrue(p > 0 && p < 1);
    }
  }

  @Test
  void delaysOverAThirtyDayWindowAreShapedLikeCriteos() {
    // Chapelle, KDD 2014, Figure 1: about 35% of conversions within an hour, 50% within 24 hours
    SyntheticConfig d = SMALL;
    SyntheticConfig month = new SyntheticConfig(d.days(), d.clicksPerDay() * 4, d.categories(), 30, d.baseRate(), d.fastShare(), d.slowMedianHours(),
        d.cartBeforeBuy(), d.cartAbandonRate(), d.promoEffect());
    ClickData data = SyntheticGenerator.generate(month, 2);
    int conv = 0;
    int hour = 0;
    int day = 0;
    for (Journey j : data.journeys()) {
      if (j.converted()) {
        conv++;
        hour += j.delay() <= 3600 ? 1 : 0;
        day += j.delay() <= 86_400 ? 1 : 0;
      }
    }
    assertTrue(conv > 500, "conversions " + conv);
    double h = hour / (double) conv;
    double dd = day / (double) conv;
    assertTrue(h > 0.3 && h < 0.45, "share within an hour " + h);
    assertTrue(dd > 0.45 && dd < 0.62, "share within a day " + dd);
  }
}
