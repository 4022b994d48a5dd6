package dev.funnel.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket and the per-client limiter, on a clock the test moves. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void burstThenRefillAtTheRate() {
    TokenBucket b = new TokenBucket(2, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, b.take(1, 0), "take " + i + " of the burst");
    }
    long wait = b.take(1, 0);
    assertEquals(SECOND / 2, wait, "one token at 2 a second is half a second away");
    assertEquals(0, b.take(1, SECOND / 2));
    assertTrue(b.take(1, SECOND / 2) > 0);
    // an idle second refills two tokens, never more than the burst
    assertEquals(0, b.take(2, 3 * SECOND / 2));
    assertEquals(5, b.tokens(100 * SECOND), 1e-9);
    assertTrue(b.full(100 * SECOND));
  }

  @Test
  void aTakeLargerThanTheBurstNeverSucceeds() {
    TokenBucket b = new TokenBucket(10, 3, 0);
    assertEquals(Long.MAX_VALUE, b.take(4, 0));
    assertEquals(0, b.take(3, 0), "the refused take took nothing");
  }

  @Test
  void badSettingsAreNamed() {
    assertEquals("per_second", assertThrows(InvalidInputException.class, () -> new TokenBucket(0, 1, 0)).field());
    assertEquals("burst", assertThrows(InvalidInputException.class, () -> new TokenBucket(1, 0.5, 0)).field());
    assertEquals("events_burst", assertThrows(InvalidInputException.class, () -> new RateLimit(1, 0)).field());
    assertEquals("events_per_second", assertThrows(InvalidInputException.class, () -> new RateLimit(-1, 1)).field());
  }

  @Test
  void clientsHaveTheirOwnBuckets() {
    AtomicLong now = new AtomicLong();
    RateLimiter l = new RateLimiter(new RateLimit(1, 2), now::get);
    assertEquals(0, l.take("ip:a", 2));
    assertTrue(l.take("ip:a", 1) > 0, "a is out of tokens");
    assertEquals(0, l.take("ip:b", 2), "b has its own bucket");
    now.addAndGet(SECOND);
    assertEquals(0, l.take("ip:a", 1), "a refilled one token in a second");
    assertEquals(1, l.limited());
    assertEquals(2, l.clients());
  }
}
