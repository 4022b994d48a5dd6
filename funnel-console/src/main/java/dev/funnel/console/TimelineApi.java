package dev.funnel.console;

import dev.funnel.server.ApiModule;
import dev.funnel.server.Requests;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code GET /stats/timeline?minutes=M} (1-60, default 60): the {@link TimelineSampler}'s points
 * of the last M minutes in columns, ready for a chart: {@code time} (epoch seconds) and one array
 * per series, aligned with it; {@code actions} gives the share of each of the {@value #TOP_ACTIONS}
 * most frequent bandit actions of the window (and {@code other}) per point, {@code reward_share}
 * each strategy's decayed mean share of the reward. Undefined values (a rate without searches)
 * are null, and {@code nulls} says why. It also times every {@code POST /search} for the
 * sampler's latency percentiles.
 */
public final class TimelineApi implements ApiModule {
  static final int TOP_ACTIONS = 6;
  private static final String STARTED = "funnel.console.started";
  private final TimelineSampler sampler;

  public TimelineApi(TimelineSampler sampler) {
    this.sampler = sampler;
  }

  @Override
  public void register(Javalin app) {
    app.before("/search", ctx -> ctx.attribute(STARTED, System.nanoTime()));
    app.after("/search", ctx -> {
      Long started = ctx.attribute(STARTED);
      if (started != null && ctx.method().name().equals("POST") && ctx.statusCode() == 200) {
        sampler.latency((System.nanoTime() - started) / 1e6);
      }
    });
    app.get("/stats/timeline", ctx -> {
      int minutes = Requests.queryInt(ctx, "minutes", 60, 1, 60);
      ctx.json(columns(sampler.points(Duration.ofMinutes(minutes)), minutes));
    });
  }

  Map<String, Object> columns(List<TimelinePoint> points, int minutes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("period_seconds", sampler.period().toSeconds());
    out.put("window_seconds", minutes * 60);
    out.put("points", points.size());
    out.put("time", column(points, p -> p.time() / 1000.0));
    out.put("searches", column(points, TimelinePoint::searches));
    out.put("searches_per_min", column(points, TimelinePoint::searchesPerMinute));
    out.put("ctr", column(points, TimelinePoint::ctr));
    out.put("conversion_rate", column(points, TimelinePoint::conversionRate));
    out.put("clicks", column(points, TimelinePoint::clicks));
    out.put("carts", column(points, TimelinePoint::carts));
    out.put("purchases", column(points, TimelinePoint::purchases));
    out.put("candidates_per_search", column(points, TimelinePoint::candidatesPerSearch));
    out.put("latency_p50_ms", column(points, TimelinePoint::latencyP50Ms));
    out.put("latency_p99_ms", column(points, TimelinePoint::latencyP99Ms));
    out.put("memory_keys", column(points, p -> p.gauges().memoryKeys()));
    out.put("ranker_version", column(points, p -> p.gauges().rankerVersion()));
    out.put("retrainings", column(points, p -> p.gauges().retrainings()));
    out.put("events_stored", column(points, p -> p.gauges().eventsStored()));
    out.put("actions", actions(points));
    TreeSet<String> strategies = new TreeSet<>();
    points.forEach(p -> strategies.addAll(p.gauges().rewardShare().keySet()));
    Map<String, Object> reward = new LinkedHashMap<>();
    reward.put("names", List.copyOf(strategies));
    List<List<Double>> values = new ArrayList<>();
    for (String s : strategies) {
      values.add(column(points, p -> p.gauges().rewardShare().get(s)));
    }
    reward.put("values", values);
    out.put("reward_share", reward);
    Map<String, String> nulls = new LinkedHashMap<>();
    nulls.put("ctr", "no search in the trailing minute");
    nulls.put("conversion_rate", "no search in the trailing minute");
    nulls.put("candidates_per_search", "no search in the trailing minute");
    nulls.put("latency_p50_ms", "no answered POST /search in the trailing minute");
    nulls.put("latency_p99_ms", "no answered POST /search in the trailing minute");
    nulls.put("ranker_version", "the baseline ranker served (no LambdaMART model)");
    nulls.put("actions.share", "no bandit decision in the trailing minute");
    out.put("nulls", nulls);
    return out;
  }

  /** The share of the window's most frequent actions (and of all others) in each point's trailing minute. */
  static Map<String, Object> actions(List<TimelinePoint> points) {
    Map<String, Long> totals = new LinkedHashMap<>();
    points.forEach(p -> p.actions().forEach((a, n) -> totals.merge(a, n, Long::sum)));
    List<String> top = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_ACTIONS).map(Map.Entry::getKey).toList();
    boolean other = totals.size() > top.size();
    List<String> names = new ArrayList<>(top);
    if (other) {
      names.add("other");
    }
    List<List<Double>> share = new ArrayList<>();
    for (String name : names) {
      share.add(column(points, p -> {
        long all = p.actions().values().stream().mapToLong(Long::longValue).sum();
        if (all == 0) {
          return null;
        }
        long n = name.equals("other") && other
            ? p.actions().entrySet().stream().filter(e -> !top.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum()
            : p.actions().getOrDefault(name, 0L);
        return n / (double) all;
      }));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("names", names);
    m.put("share", share);
    return m;
  }

  private static <T> List<T> column(List<TimelinePoint> points, Function<TimelinePoint, T> f) {
    List<T> out = new ArrayList<>(points.size());
    points.forEach(p -> out.add(f.apply(p)));
    return out;
  }
}
