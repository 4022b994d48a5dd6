package dev.funnel.memory;

import dev.funnel.query.RequestLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnel.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryRequestLogTest {
  @Test
  void keepsTheMostRecentRequestsUpToCapacity() {
    InMemoryRequestLog log = new InMemoryRequestLog(2);
    log.record("a", "first");
    log.record("b", "second");
    log.record("c", "third");
    assertEquals(2, log.size());
    assertEquals(Optional.empty(), log.query("a"));
    assertEquals(Optional.of("third"), log.query("c"));
    assertEquals(Optional.empty(), RequestLog.NONE.query("c"));
    assertEquals("request_id", assertThrows(InvalidInputException.class, () -> log.record(" ", "q")).field());
    assertEquals("capacity", assertThrows(InvalidInputException.class, () -> new InMemoryRequestLog(0)).field());
  }
}
