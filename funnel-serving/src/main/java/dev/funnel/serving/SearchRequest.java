package dev.funnel.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Checks;
import dev.funnel.core.Context;
import dev.funnel.core.Filters;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code POST /search} request, parsed and validated once at the edge; every path of the
 * serving chain reads this record and nothing else of the body.
 *
 * <pre>{@code
 * {"query": "gift card",               required, non-blank
 *  "k": 10, "offset": 0,                page: k in [1, 1000], offset in [0, 10000]
 *  "strategies": ["bm25", "graph"],     optional: run exactly these (a fixed decision); absent: the bandit decides
 *  "ranking": "learned",                optional: "learned" (default) orders the candidates with the loop's ranker,
 *                                       "fusion" with reciprocal rank fusion of the strategies' own lists
 *  "seed_items": ["B01", "B02"],        optional: the user's recent items, seeds of seeded strategies (graph)
 *  "decision": {"min_precision": 0.9},  optional: the conversion gate
 *  "filters": {"brand": "Amazon",                 keyword: one value,
 *              "category": ["Cards", "Tools"],    or any of several values,
 *              "price": {"gte": 10, "lt": 50}},   numeric range: gte / gt / lte / lt
 *  "facets": ["brand"],                 optional: value counts of these keyword fields over the ranked candidates
 *  "user": "u1", "session": "s1", "segment": "new",   optional context (or inside "context": {...})
 *  "trace": true}                       optional: the stages, in order, with their times
 * }</pre>
 *
 * Any other field is a 400 naming it. Errors are {@link InvalidInputException}s naming the field
 * (for example {@code filters.price.gte}), the value and what was expected.
 *
 * @param strategies the named strategies (empty: the bandit chooses)
 * @param ranking what orders the candidates: the loop's ranker or the strategies' own fused ranks
 * @param seedItems seed item ids for seeded strategies (empty: the chain seeds them from lexical hits)
 * @param decision the requested conversion decision, or null
 * @param context who asks (user, session, segment; each may be null)
 */
public record SearchRequest(
    String query,
    int k,
    int offset,
    List<String> strategies,
    Ranking ranking,
    List<String> seedItems,
    ConversionDecision decision,
    Filters filters,
    List<String> facets,
    RequestContext context,
    boolean trace) {
  public static final int MAX_K = 1000;
  public static final int MAX_OFFSET = 10_000;
  public static final int DEFAULT_K = 10;
  /** Every field a request body may have. */
  public static final Set<String> FIELDS = Set.of("query", "k", "offset", "strategies", "ranking", "seed_items", "decision", "filters", "facets",
      "user", "session", "segment", "context", "trace");

  /**
   * What orders a request's candidates. Every request, whether the bandit chose its strategies or
   * it named them, is ordered by the loop's ranker unless it asks for {@link #FUSION}.
   */
  public enum Ranking {
    /** The ranker the loop serves now (learned from feedback; reciprocal rank fusion before any model). */
    LEARNED,
    /** Reciprocal rank fusion (k = 60) of the strategies' own lists: one strategy keeps its own order. */
    FUSION;

    /** The value as the request and the response spell it. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Ranking parse(JsonNode n) {
      if (n == null || n.isNull()) {
        return LEARNED;
      }
      if (n.isTextual()) {
        for (Ranking r : values()) {
          if (r.wire().equals(n.asText())) {
            return r;
          }
        }
      }
      throw new InvalidInputException("ranking", n.toString(), "expected \"learned\" or \"fusion\"");
    }
  }

  /** {@code "decision": {"min_precision": P}}: serve only items whose predicted conversion meets precision P. */
  public record ConversionDecision(double minPrecision) {
    public ConversionDecision {
      if (!(minPrecision > 0 && minPrecision <= 1)) {
        throw new InvalidInputException("decision.min_precision", minPrecision, "expected a precision in (0, 1]");
      }
    }
  }

  /** Who is asking: optional user, session and segment. */
  public record RequestContext(String user, String session, String segment) {
    public static final RequestContext NONE = new RequestContext(null, null, null);
  }

  public SearchRequest {
    if (query == null || query.isBlank()) {
      throw new InvalidInputException("query", query, "expected a non-blank string");
    }
    Checks.inRange("k", k, 1, MAX_K);
    Checks.inRange("offset", offset, 0, MAX_OFFSET);
    strategies = List.copyOf(new LinkedHashSet<>(strategies == null ? List.of() : strategies));
    ranking = ranking == null ? Ranking.LEARNED : ranking;
    seedItems = List.copyOf(new LinkedHashSet<>(seedItems == null ? List.of() : seedItems));
    filters = filters == null ? Filters.NONE : filters;
    facets = List.copyOf(new LinkedHashSet<>(facets == null ? List.of() : facets));
    context = context == null ? RequestContext.NONE : context;
  }

  /** A request for {@code query} with its context and filters (callers inside the process, e.g. the simulator). */
  public static SearchRequest of(Query query, int k) {
    Context c = query.context();
    return new SearchRequest(query.text(), k, 0, List.of(), Ranking.LEARNED, List.of(), null, query.filters(), List.of(),
        new RequestContext(c.userId(), c.sessionId(), c.segment()), false);
  }

  /** The query the retrievers see, asked at {@code time}. */
  public Query toQuery(Instant time) {
    return new Query(query, filters, new Context(context.user(), context.session(), context.segment(), time, Map.of()));
  }

  /** Candidates the ranker must order to fill the page: offset + k. */
  public int depth() {
    return offset + k;
  }

  /** Parses and validates a request body (a JSON object). */
  public static SearchRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("body", body == null ? null : body.getNodeType().name().toLowerCase(java.util.Locale.ROOT),
          "expected a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new InvalidInputException(f, body.get(f).toString(), "unknown field; expected one of " + new java.util.TreeSet<>(FIELDS));
      }
    }
    JsonNode q = body.get("query");
    if (q == null || !q.isTextual()) {
      throw new InvalidInputException("query", q == null ? null : q.toString(), "expected a non-blank string");
    }
    return new SearchRequest(q.asText(), integer(body, "k", DEFAULT_K, 1, MAX_K), integer(body, "offset", 0, 0, MAX_OFFSET),
        strings(body, "strategies", false), Ranking.parse(body.get("ranking")), strings(body, "seed_items", false), decision(body.get("decision")), filters(body.get("filters")),
        strings(body, "facets", true), context(body), bool(body, "trace"));
  }

  private static int integer(JsonNode body, String field, int fallback, int min, int max) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
      throw new InvalidInputException(field, n.toString(), "expected an integer in [" + min + ", " + max + "]");
    }
    return n.asInt();
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new InvalidInputException(field, n.toString(), "expected true or false");
    }
    return n.asBoolean();
  }

  private static List<String> strings(JsonNode body, String field, boolean emptyAllowed) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new InvalidInputException(field, n.toString(), "expected an array of strings");
    }
    List<String> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (!e.isTextual() || e.asText().isBlank()) {
        throw new InvalidInputException(field + "[" + i + "]", e.toString(), "expected a non-blank string");
      }
      out.add(e.asText());
    }
    if (out.isEmpty() && !emptyAllowed && field.equals("strategies")) {
      throw new InvalidInputException(field, "[]", "expected at least one strategy (or no strategies field: the bandit decides)");
    }
    return out;
  }

  private static String text(JsonNode obj, String field, String where) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new InvalidInputException(where, n.toString(), "expected a string");
    }
    return n.asText();
  }

  private static RequestContext context(JsonNode body) {
    String user = text(body, "user", "user");
    String session = text(body, "session", "session");
    String segment = text(body, "segment", "segment");
    JsonNode c = body.get("context");
    if (c != null && !c.isNull()) {
      if (!c.isObject()) {
        throw new InvalidInputException("context", c.toString(), "expected an object like {\"user\": \"u1\", \"session\": \"s1\", \"segment\": \"new\"}");
      }
      for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!Set.of("user", "session", "segment").contains(f)) {
          throw new InvalidInputException("context." + f, c.get(f).toString(), "unknown field; expected user, session or segment");
        }
        if (body.has(f)) {
          throw new InvalidInputException("context." + f, c.get(f).toString(), "given twice: also as the top-level field " + f);
        }
      }
      user = user != null ? user : text(c, "user", "context.user");
      session = session != null ? session : text(c, "session", "context.session");
      segment = segment != null ? segment : text(c, "segment", "context.segment");
    }
    return new RequestContext(user, session, segment);
  }

  private static ConversionDecision decision(JsonNode d) {
    if (d == null || d.isNull()) {
      return null;
    }
    if (!d.isObject()) {
      throw new InvalidInputException("decision", d.toString(), "expected an object like {\"min_precision\": 0.9}");
    }
    for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("min_precision")) {
        throw new InvalidInputException("decision." + f, d.get(f).toString(), "unknown field; expected min_precision");
      }
    }
    JsonNode p = d.get("min_precision");
    if (p == null || !p.isNumber()) {
      throw new InvalidInputException("decision.min_precision", p == null ? null : p.toString(), "expected a precision in (0, 1]");
    }
    return new ConversionDecision(p.asDouble());
  }

  private static Filters filters(JsonNode f) {
    if (f == null || f.isNull()) {
      return Filters.NONE;
    }
    if (!f.isObject()) {
      throw new InvalidInputException("filters", f.toString(), "expected an object of field -> value, [values] or {\"gte\": ..., \"lt\": ...}");
    }
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    Map<String, Filters.Range> ranges = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.properties()) {
      String where = "filters." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        keywords.put(e.getKey(), List.of(v.asText()));
      } else if (v.isArray()) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          if (!v.get(i).isTextual()) {
            throw new InvalidInputException(where + "[" + i + "]", v.get(i).toString(), "expected a string value");
          }
          values.add(v.get(i).asText());
        }
        if (values.isEmpty()) {
          throw new InvalidInputException(where, "[]", "expected at least one value");
        }
        keywords.put(e.getKey(), values);
      } else if (v.isObject()) {
        ranges.put(e.getKey(), range(where, v));
      } else {
        throw new InvalidInputException(where, v.toString(), "expected a string, an array of strings or a range {\"gte\", \"gt\", \"lte\", \"lt\"}");
      }
    }
    return new Filters(keywords, ranges);
  }

  private static Filters.Range range(String where, JsonNode v) {
    Double[] bounds = new Double[4];
    List<String> names = List.of("gte", "gt", "lte", "lt");
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String b = it.next();
      int i = names.indexOf(b);
      if (i < 0) {
        throw new InvalidInputException(where + "." + b, v.get(b).toString(), "unknown bound; expected gte, gt, lte or lt");
      }
      JsonNode n = v.get(b);
      if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
        throw new InvalidInputException(where + "." + b, n.toString(), "expected a finite number");
      }
      bounds[i] = n.asDouble();
    }
    try {
      return new Filters.Range(bounds[0], bounds[1], bounds[2], bounds[3]);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where, v.toString(), e.expected());
    }
  }
}
