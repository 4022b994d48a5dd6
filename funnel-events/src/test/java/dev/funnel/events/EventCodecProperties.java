package dev.funnel.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The event codec on random and mutated input: a valid event round-trips; any mutation of one
 * (a field dropped, retyped or given an odd value) either parses or fails with an {@link
 * InvalidInputException} naming a field, never with another exception.
 */
class EventCodecProperties {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final List<String> FIELDS = List.of("type", "request_id", "item_id", "position", "timestamp", "user_id", "session_id", "query");

  @Provide
  Arbitrary<ObjectNode> validEvents() {
    return Combinators.combine(Arbitraries.of("impression", "click", "add_to_cart", "purchase"), Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
            .filter(s -> !s.isBlank()), Arbitraries.integers().between(1, 500), Arbitraries.longs().between(0, 4_000_000_000_000L))
        .as((type, id, pos, ms) -> {
          ObjectNode n = F.objectNode();
          n.put("type", type);
          n.put("request_id", "r-" + id);
          n.put("item_id", "i-" + id);
          n.put("position", pos);
          n.put("timestamp", ms);
          return n;
        });
  }

  /** Odd JSON values: wrong types, extremes, deep nesting, empty and control-character strings. */
  static Arbitrary<JsonNode> oddValues() {
    return Arbitraries.oneOf(
        Arbitraries.just(F.nullNode()),
        Arbitraries.of(true, false).map(F::booleanNode),
        Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 2147483648L).map(F::numberNode),
        Arbitraries.of(0.5, -0.0, 1e308, Double.MIN_VALUE).map(F::numberNode),
        Arbitraries.strings().ofMaxLength(40).map(F::textNode),
        Arbitraries.of("", " ", "\u0000", "2026-13-45T99:00:00Z", "NaN", "click ").map(F::textNode),
        Arbitraries.integers().between(1, 40).map(depth -> {
          ArrayNode root = F.arrayNode();
          ArrayNode a = root;
          for (int i = 0; i < depth; i++) {
            a = a.addArray();
          }
          return root;
        }),
        Arbitraries.just(F.objectNode()));
  }

  @Provide
  Arbitrary<ObjectNode> mutatedEvents() {
    return Combinators.combine(validEvents(), Arbitraries.of(FIELDS), oddValues(), Arbitraries.of(true, false)).as((e, field, value, drop) -> {
      ObjectNode m = e.deepCopy();
      if (drop) {
        m.remove(field);
      } else {
        m.set(field, value);
      }
      return m;
    });
  }

  @Property(tries = 300, seed = "20261203")
  void validEventsRoundTrip(@ForAll("validEvents") ObjectNode json) {
    Event e = EventCodec.parse(json, "");
    assertEquals(e, EventCodec.parse(EventCodec.toJson(e), ""));
  }

  @Property(tries = 1000, seed = "20261203")
  void mutatedEventsParseOrFailNamingTheField(@ForAll("mutatedEvents") ObjectNode json) {
    try {
      EventCodec.parseMany(json);
    } catch (InvalidInputException e) {
      assertNotNull(e.field(), "the error names a field: " + e.getMessage());
    }
  }

  @Property(tries = 300, seed = "20261203")
  void batchesNameTheIndexOfTheBadEvent(@ForAll("validEvents") ObjectNode good, @ForAll("mutatedEvents") ObjectNode bad) {
    ArrayNode batch = F.arrayNode().add(good).add(bad);
    try {
      EventCodec.parseMany(F.objectNode().set("events", batch));
    } catch (InvalidInputException e) {
      assertNotNull(e.field());
      assertEquals(true, e.field().startsWith("events[1]"), "the error points at the second event: " + e.field());
    }
  }
}
