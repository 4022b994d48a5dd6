package dev.funnel.delayed;

import dev.funnel.core.Event;
import dev.funnel.core.EventLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the product's own event log (events from {@code POST /events} or {@code events import})
 * into click journeys. The journey key is the user (else the session, else the request) and the
 * item: a click opens a journey, add-to-cart events are engagement, a purchase is the
 * conversion; impressions are not used. Features at the click, shared by training and serving
 * through {@link #features}: the 1-based position, the hour (UTC), earlier clicks on the item
 * and by the user, and whether the click came from a search query.
 */
public final class EventLogSource {
  public static final FeatureSpec SPEC = new FeatureSpec(List.of("position", "hour", "item_prior_clicks", "user_prior_clicks", "from_query"), Set.of());

  private EventLogSource() {}

  /** The feature vector of a click, given the earlier clicks on its item and by its user. */
  public static float[] features(Event click, int itemPriorClicks, int userPriorClicks) {
    long s = click.timestamp().getEpochSecond();
    return new float[] {click.position(), (float) (Math.floorMod(s, 86_400) / 3600), itemPriorClicks, userPriorClicks, click.query() == null ? 0 : 1};
  }

  /** The journey key of an event: its clicker (user, else session, else request) and its item. */
  public static String key(Event e) {
    String who = e.userId() != null ? "u:" + e.userId() : e.sessionId() != null ? "s:" + e.sessionId() : "r:" + e.requestId();
    return who + "|" + e.itemId();
  }

  /** Whose clicks {@code user_prior_clicks} counts: the user, else the session, else the request. */
  public static String clicker(String userId, String sessionId, String requestId) {
    return userId != null ? userId : sessionId != null ? sessionId : requestId;
  }

  public static ClickData read(EventLog log, long attributionWindow) throws IOException {
    List<Event> events = new ArrayList<>();
    log.scan(events::add);
    events.sort(Comparator.comparing(Event::timestamp)); // stable: append order breaks ties
    Map<String, Integer> itemClicks = new HashMap<>();
    Map<String, Integer> userClicks = new HashMap<>();
    List<Touch> touches = new ArrayList<>();
    for (Event e : events) {
      long t = e.timestamp().getEpochSecond();
      switch (e.type()) {
        case CLICK -> {
          String user = clicker(e.userId(), e.sessionId(), e.requestId());
          touches.add(Touch.click(key(e), t, features(e, itemClicks.getOrDefault(e.itemId(), 0), userClicks.getOrDefault(user, 0))));
          itemClicks.merge(e.itemId(), 1, Integer::sum);
          userClicks.merge(user, 1, Integer::sum);
        }
        case ADD_TO_CART -> touches.add(Touch.of(key(e), Touch.Kind.CART, t));
        case PURCHASE -> touches.add(Touch.of(key(e), Touch.Kind.CONVERSION, t));
        case IMPRESSION -> {
          // impressions carry no post-click signal
        }
      }
    }
    return new ClickData("event-log", SPEC, JourneyAssembler.assemble(touches, attributionWindow).journeys(), attributionWindow, null);
  }
}
