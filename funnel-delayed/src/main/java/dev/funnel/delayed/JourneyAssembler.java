package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns raw touches (from the live event log, a file or the generator) into click journeys; the
 * one code path every source goes through. Rules, per key (a user-item pair):
 *
 * <ul>
 *   <li>the first click opens a journey; a later click while it is open is a repeated
 *       {@linkplain EngagementKind#VIEW view};
 *   <li>cart and favourite events while a journey is open are engagement;
 *   <li>the first conversion within the attribution window closes the journey as converted;
 *   <li>a journey is closed without conversion once the window has passed, so the next click
 *       opens a new journey; events with no open journey (a purchase without a click) are
 *       counted in {@link Result#orphans()} and otherwise ignored.
 * </ul>
 */
public final class JourneyAssembler {
  private JourneyAssembler() {}

  /** Journeys and the number of touches that belonged to no open journey. */
  public record Result(List<Journey> journeys, long orphans) {}

  public static Result assemble(List<Touch> touches, long attributionWindow) {
    List<Touch> sorted = new ArrayList<>(touches);
    sorted.sort(Comparator.comparingLong(Touch::time)); // stable: equal times keep input order
    Map<String, Open> open = new HashMap<>();
    List<Open> done = new ArrayList<>();
    long orphans = 0;
    for (Touch t : sorted) {
      Open o = open.get(t.key());
      if (o != null && t.time() - o.clickTime > attributionWindow) {
        done.add(o);
        open.remove(t.key());
        o = null;
      }
      switch (t.kind()) {
        case CLICK -> {
          if (o == null) {
            Open n = new Open(t.key() + "@" + t.time(), t.time(), t.features());
            open.put(t.key(), n);
          } else {
            o.engage(t.time(), EngagementKind.VIEW);
          }
        }
        case CART, FAVOURITE, VIEW -> {
          if (o == null) {
            orphans++;
          } else {
            o.engage(t.time(), EngagementKind.valueOf(t.kind().name()));
          }
        }
        case CONVERSION -> {
          if (o == null) {
            orphans++;
          } else {
            o.conversion = t.time();
            done.add(o);
            open.remove(t.key());
          }
        }
      }
    }
    done.addAll(open.values());
    List<Journey> out = new ArrayList<>(done.size());
    for (Open o : done) {
      out.add(o.toJourney());
    }
    out.sort(Comparator.comparingLong(Journey::clickTime).thenComparing(Journey::id));
    return new Result(out, orphans);
  }

  private static final class Open {
    final String id;
    final long clickTime;
    final float[] features;
    final List<Long> times = new ArrayList<>();
    final List<EngagementKind> kinds = new ArrayList<>();
    long conversion = Journey.NO_CONVERSION;

    Open(String id, long clickTime, float[] features) {
      this.id = id;
      this.clickTime = clickTime;
      this.features = features;
    }

    void engage(long time, EngagementKind kind) {
      times.add(time);
      kinds.add(kind);
    }

    Journey toJourney() {
      long[] t = new long[times.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = times.get(i);
      }
      return new Journey(id, clickTime, features, t, kinds.toArray(new EngagementKind[0]), conversion);
    }
  }
}
