package dev.funnel.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import dev.funnel.core.EventType;
import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code POST /events}: one event, an array, or {@code {"events": [...]}}. The whole batch is
 * validated first (a bad event gets a 400 naming e.g. {@code events[3].position}, and nothing
 * is stored), then appended to the durable log and forced to disk before the 200 answer, then
 * handed to the listeners (memory index, bandit, ...). Events whose request id was never served
 * are accepted and counted. {@code GET /events/stats} reports the counts.
 */
public final class EventsApi implements ApiModule {
  private final EventLog log;
  private final java.time.Clock clock;
  private final Predicate<String> knownRequest;
  private final List<Consumer<List<Event>>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong unknownRequestIds = new AtomicLong();
  private final Map<EventType, AtomicLong> accepted = new EnumMap<>(EventType.class);

  public EventsApi(EventLog log, Predicate<String> knownRequest) {
    this(log, knownRequest, java.time.Clock.systemUTC());
  }

  /** As above, where events without a timestamp take the time of {@code clock} at their arrival. */
  public EventsApi(EventLog log, Predicate<String> knownRequest, java.time.Clock clock) {
    this.clock = clock;
    this.log = log;
    this.knownRequest = knownRequest;
    for (EventType t : EventType.values()) {
      accepted.put(t, new AtomicLong());
    }
  }

  /** Adds a consumer called after each durable append, in the request thread. */
  public EventsApi onEvents(Consumer<List<Event>> listener) {
    listeners.add(listener);
    return this;
  }

  @Override
  public void register(Javalin app) {
    app.post("/events", ctx -> {
      JsonNode body = Requests.body(ctx);
      java.time.Instant now = clock.instant();
      List<Event> events = EventCodec.parseMany(body, now);
      long serverTimed = serverTimed(body);
      log.append(events);
      long unknown = events.stream().filter(e -> !knownRequest.test(e.requestId())).count();
      unknownRequestIds.addAndGet(unknown);
      events.forEach(e -> accepted.get(e.type()).incrementAndGet());
      listeners.forEach(l -> l.accept(events));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("accepted", events.size());
      out.put("unknown_request_ids", unknown);
      out.put("stored_total", log.size());
      if (serverTimed > 0) {
        out.put("server_timestamps", serverTimed);
        out.put("server_timestamp", now.toString());
        out.put("note", serverTimed + " event(s) had no timestamp and took the server's clock");
      }
      ctx.json(out);
    });
    app.get("/events/stats", ctx -> ctx.json(stats()));
  }

  /** How many events of a request body lack their timestamp. */
  static long serverTimed(JsonNode body) {
    JsonNode arr = body.isObject() && body.has("events") ? body.get("events") : body;
    if (!arr.isArray()) {
      return EventCodec.lacksTimestamp(arr) ? 1 : 0;
    }
    long n = 0;
    for (JsonNode e : arr) {
      n += EventCodec.lacksTimestamp(e) ? 1 : 0;
    }
    return n;
  }

  public Map<String, Object> stats() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Long> byType = new LinkedHashMap<>();
    accepted.forEach((t, n) -> byType.put(t.wireName(), n.get()));
    out.put("accepted_since_start", byType);
    out.put("unknown_request_ids", unknownRequestIds.get());
    out.put("stored_total", log.size());
    return out;
  }
}
