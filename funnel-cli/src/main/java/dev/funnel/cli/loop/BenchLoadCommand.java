package dev.funnel.cli.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.JsonOutput;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funnel bench load}: a bounded load generator against a running Funnel server on the
 * loopback interface. Virtual threads drive a mix of full-funnel searches, clicks on what those
 * searches served ({@code POST /events}) and related-items requests, either at a fixed rate (open
 * loop: latency is measured from each request's scheduled start, so a stalled server cannot hide
 * its queueing) or at a fixed concurrency (closed loop: the saturation throughput). Every interval
 * (a minute by default) it reports throughput, p50/p99/p99.9 latency, answers by status and the
 * server's resident memory (from its {@code /health}).
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Drive a running server on 127.0.0.1 with searches, clicks and related-items requests at a",
      "fixed rate or concurrency; report throughput, p50/p99/p99.9, answers by status and server RSS",
      "per interval (JSON)."
    })
public final class BenchLoadCommand implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Words to start searching with before results suggest the catalog's own words. */
  static final List<String> SEED_WORDS = List.of("gift", "card", "red", "blue", "book", "music", "game", "coffee", "birthday", "home",
      "kitchen", "love", "happy", "black", "set", "box", "mug", "lamp", "chair", "wool");

  @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server base URL; must be a loopback address (default: ${DEFAULT-VALUE}).")
  String url;

  static final class Mode {
    @Option(names = "--rate", description = "Requests per second, open loop.")
    Double rate;

    @Option(names = "--concurrency", description = "Clients each sending its next request when the last one is answered (closed loop).")
    Integer concurrency;
  }

  @ArgGroup(exclusive = true)
  Mode mode;

  @Option(names = "--find-saturation",
      description = {"Find the saturation throughput (closed loop at each of --saturation-clients, the best answered rate), then run --blocks",
          "open-loop blocks alternating between --high-fraction and --low-fraction of it, and report each block's p99, the",
          "load average and the median over block pairs of p99(high) / p99(low). Replaces --rate/--concurrency/--minutes."})
  boolean findSaturation;

  @Option(names = "--saturation-clients", defaultValue = "2,4,8", split = ",", description = "With --find-saturation: the closed-loop client counts tried (default: ${DEFAULT-VALUE}).")
  List<Integer> saturationClients;

  @Option(names = "--saturation-seconds", defaultValue = "15", description = "With --find-saturation: seconds measured at each client count, after --warmup-seconds (default: ${DEFAULT-VALUE}).")
  int saturationSeconds;

  @Option(names = "--blocks", defaultValue = "6", description = "With --find-saturation: open-loop blocks, alternating high and low load, high first (an even number; default: ${DEFAULT-VALUE}).")
  int blocks;

  @Option(names = "--block-seconds", defaultValue = "45", description = "With --find-saturation: length of one block (default: ${DEFAULT-VALUE}).")
  int blockSeconds;

  @Option(names = "--high-fraction", defaultValue = "0.9", description = "With --find-saturation: the high blocks' rate as a fraction of saturation (default: ${DEFAULT-VALUE}).")
  double highFraction;

  @Option(names = "--low-fraction", defaultValue = "0.1", description = "With --find-saturation: the low (\"idle\") blocks' rate as a fraction of saturation (default: ${DEFAULT-VALUE}).")
  double lowFraction;

  @Option(names = "--minutes", defaultValue = "1", description = "How long to run, in minutes (fractions allowed; default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--interval-seconds", defaultValue = "60", description = "Length of one reported interval (default: ${DEFAULT-VALUE}).")
  int intervalSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "0", description = "Unreported load before the measured run (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--mix", defaultValue = "search=0.75,click=0.2,related=0.05",
      description = "Request mix as kind=weight (search, click, related; default: ${DEFAULT-VALUE}). related needs a server with a graph model.")
  String mix;

  @Option(names = "--queries", paramLabel = "FILE", description = "Queries to search, one a line (default: words from the served items' texts).")
  Path queries;

  @Option(names = "--k", defaultValue = "10", description = "Items per search (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--max-in-flight", defaultValue = "512", description = "Open loop: most requests outstanding; more are counted as generator overflow (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--timeout-seconds", defaultValue = "10", description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the request mix and queries (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the result here.")
  Path json;

  @Option(names = "--svg", paramLabel = "FILE", description = "Also plot p50/p99 latency and server RSS per interval here (SVG).")
  Path svg;

  @Option(names = "--plot-only", paramLabel = "FILE", description = "Send no load: plot the intervals of an earlier result (--json FILE) into --svg.")
  Path plotOnly;

  enum Kind { SEARCH, CLICK, RELATED }

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() throws Exception {
    if (plotOnly != null) {
      if (svg == null) {
        throw new InvalidInputException("--svg", null, "expected the SVG file to write with --plot-only");
      }
      Map<String, Object> earlier = JSON.readValue(plotOnly.toFile(), Map.class);
      if (dev.funnel.cli.regress.RegressionFile.KIND.equals(earlier.get("kind")) && earlier.get("output") instanceof Map<?, ?> recorded) {
        earlier = (Map<String, Object>) recorded; // a regression file holds the run's output
      }
      Map<String, Object> c = (Map<String, Object>) earlier.get("config");
      if (c == null || !(earlier.get("intervals") instanceof List)) {
        throw new InvalidInputException("--plot-only", plotOnly, "expected a result written by bench load --json, or its regression file");
      }
      String what = c.get("rate") != null ? c.get("rate") + " requests/s" : c.get("concurrency") + " clients";
      Files.writeString(svg, plot((List<Map<String, Object>>) earlier.get("intervals"), "bench load: " + what + ", seed " + c.get("seed")));
      return 0;
    }
    URI base = loopback(url);
    Map<Kind, Double> weights = parseMix(mix);
    if (minutes <= 0 || intervalSeconds < 1 || k < 1 || maxInFlight < 1 || timeoutSeconds < 1 || warmupSeconds < 0) {
      throw new InvalidInputException("--minutes/--interval-seconds/--k/--max-in-flight/--timeout-seconds", minutes,
          "expected positive values (warm-up 0 or more)");
    }
    if (findSaturation && mode != null) {
      throw new InvalidInputException("--find-saturation", mode.rate != null ? "--rate" : "--concurrency",
          "expected --find-saturation alone: it finds the rates itself (drop --rate/--concurrency)");
    }
    double rate = mode != null && mode.rate != null ? mode.rate : 0;
    int clients = mode != null && mode.concurrency != null ? mode.concurrency : (rate > 0 ? 0 : 4);
    if (mode != null && mode.rate != null && !(rate > 0 && rate <= 100_000)) {
      throw new InvalidInputException("--rate", mode.rate, "expected requests per second in (0, 100000]");
    }
    if (rate == 0 && (clients < 1 || clients > 10_000)) {
      throw new InvalidInputException("--concurrency", clients, "expected 1 to 10000 clients");
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", base.toString());
    if (findSaturation) {
      SaturationBlocks.check(this);
      config.put("saturation_clients", saturationClients);
      config.put("saturation_seconds", saturationSeconds);
      config.put("blocks", blocks);
      config.put("block_seconds", blockSeconds);
      config.put("high_fraction", highFraction);
      config.put("low_fraction", lowFraction);
    }
    config.put("mode", findSaturation ? "find-saturation" : rate > 0 ? "rate" : "concurrency");
    if (!findSaturation) {
      config.put("rate", rate > 0 ? rate : null);
      config.put("concurrency", rate > 0 ? null : clients);
      config.put("minutes", minutes);
      config.put("interval_seconds", intervalSeconds);
    }
    config.put("warmup_seconds", warmupSeconds);
    Map<String, Double> mixOut = new LinkedHashMap<>();
    weights.forEach((kk, w) -> mixOut.put(kk.name().toLowerCase(Locale.ROOT), w));
    config.put("mix", mixOut);
    config.put("queries", queries == null ? null : queries.toString());
    config.put("k", k);
    config.put("seed", seed);
    JsonOutput.header("bench load", config);

    // one client for the whole run (its connections are reused), HTTP/1.1 as the server speaks it
    // (no h2c upgrade attempt on each new connection), its work on virtual threads
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    JsonNode health = get(client, base.resolve("/health"));
    if (weights.getOrDefault(Kind.RELATED, 0.0) > 0 && !health.path("related_items").asBoolean(false)) {
      System.err.println("funnel bench load: the server has no graph model, so related-items requests are left out of the mix");
      weights.put(Kind.RELATED, 0.0);
    }
    Workload work = new Workload(client, base, weights, queries == null ? null : Files.readAllLines(queries), k, Duration.ofSeconds(timeoutSeconds));
    if (findSaturation) {
      Map<String, Object> out = new SaturationBlocks(this, work, client, base).run(config);
      out.put("server", Map.of("items", health.path("items").asLong(), "ranker", health.path("ranker").asText(""),
          "limits", JSON.convertValue(health.path("limits"), Map.class)));
      JsonOutput.emit(out, json, System.out, Map.of("pairs", "a block with no answered request has no p99", "ratio",
          "a block with no answered request has no p99", "median", "no pair had both p99s"));
      return 0;
    }
    if (warmupSeconds > 0) {
      run(work, rate, clients, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(warmupSeconds), seed ^ 0x5eed, null);
    }
    Duration total = Duration.ofMillis(Math.round(minutes * 60_000));
    List<Map<String, Object>> intervals = new ArrayList<>();
    Recorder all = run(work, rate, clients, total, Duration.ofSeconds(intervalSeconds), seed, r -> {
      Map<String, Object> m = r.summary();
      m.putAll(serverSample(client, base));
      intervals.add(m);
      System.err.println("funnel bench load: " + JSON.writeValueAsString(m));
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("command", "bench load");
    out.put("config", config);
    out.put("server", Map.of("items", health.path("items").asLong(), "ranker", health.path("ranker").asText(""),
        "limits", JSON.convertValue(health.path("limits"), Map.class)));
    out.put("intervals", intervals);
    Map<String, Object> t = all.summary();
    t.putAll(serverSample(client, base));
    out.put("total", t);
    JsonOutput.emit(out, json, System.out);
    if (svg != null) {
      Files.writeString(svg, plot(intervals, "bench load: " + (rate > 0 ? rate + " requests/s" : clients + " clients") + ", seed " + seed));
    }
    return 0;
  }

  /** One panel of the plot: the interval fields drawn in it (bounds dashed), with their colours. */
  private record Panel(String label, List<String> keys, List<String> colors, List<Boolean> dashed) {}

  private static final List<Panel> PANELS = List.of(
      new Panel("latency (ms): p50 blue, p99 red", List.of("p50_ms", "p99_ms"), List.of("#1f77b4", "#d62728"), List.of(false, false)),
      new Panel("server RSS (MB)", List.of("rss_bytes"), List.of("#1f77b4"), List.of(false)),
      new Panel("memory index pairs (blue) and query-understanding units (green), bounds dashed",
          List.of("memory_feedback_pairs", "memory_max_pairs", "qu_click_units", "qu_max_units"), List.of("#1f77b4", "#1f77b4", "#2ca02c", "#2ca02c"),
          List.of(false, true, false, true)),
      new Panel("request ledger (requests held)", List.of("requests_logged"), List.of("#9467bd"), List.of(false)));

  /**
   * Panels over the intervals: p50 and p99 latency (ms), server RSS (MB), and, when the intervals
   * carry them, the memory index's pairs and query understanding's units against their bounds, and
   * the request ledger's size. A panel none of whose fields any interval has is left out.
   */
  static String plot(List<Map<String, Object>> intervals, String title) {
    int w = 720;
    int h = 220;
    int left = 60;
    int right = 20;
    int n = intervals.size();
    List<Panel> panels = PANELS.stream().filter(p -> intervals.stream().anyMatch(m -> p.keys().stream().anyMatch(k -> m.get(k) instanceof Number))).toList();
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(panels.size() * (h + 10) + 20)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    b.append("<text x=\"").append(left).append("\" y=\"16\" font-size=\"13\">").append(title.replace("&", "&amp;").replace("<", "&lt;")).append("</text>\n");
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      int top = 30 + p * (h + 10);
      double max = 0;
      for (Map<String, Object> m : intervals) {
        for (String key : panel.keys()) {
          if (m.get(key) instanceof Number x) {
            max = Math.max(max, scale(key, x.doubleValue()));
          }
        }
      }
      max = max <= 0 ? 1 : max * 1.1;
      int plotH = h - 40;
      b.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(w - left - right).append("\" height=\"")
          .append(plotH).append("\" fill=\"none\" stroke=\"#999\"/>\n");
      for (int t = 0; t <= 4; t++) {
        double v = max * t / 4;
        double y = top + plotH - plotH * t / 4.0;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>%n", left - 4, y + 4, v));
      }
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + 4, top + 12, panel.label()));
      for (int k = 0; k < panel.keys().size(); k++) {
        String key = panel.keys().get(k);
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
          if (intervals.get(i).get(key) instanceof Number x) {
            double px = left + (n == 1 ? 0 : (w - left - right) * i / (double) (n - 1));
            double py = top + plotH - plotH * scale(key, x.doubleValue()) / max;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
          }
        }
        if (pts.isEmpty()) {
          continue;
        }
        b.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(panel.colors().get(k)).append('"')
            .append(panel.dashed().get(k) ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"").append(pts.toString().trim()).append("\"/>\n");
      }
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">interval 1</text>%n", left, top + plotH + 14));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">interval %d</text>%n", w - right, top + plotH + 14, n));
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static double scale(String key, double v) {
    return key.equals("rss_bytes") ? v / (1024 * 1024) : v;
  }

  interface IntervalSink {
    void accept(Recorder r) throws IOException;
  }

  /** Runs the load for {@code length}, handing each interval's recorder to {@code sink} (null: none); returns the whole run's. */
  Recorder run(Workload work, double rate, int clients, Duration length, Duration interval, long runSeed, IntervalSink sink)
      throws Exception {
    Recorder whole = new Recorder(0, length.toMillis() / 1000.0);
    long start = System.nanoTime();
    long end = start + length.toNanos();
    Recorder[] current = {new Recorder(1, Math.min(interval.toMillis(), length.toMillis()) / 1000.0)};
    Object lock = new Object();
    AtomicLong overflow = new AtomicLong();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Thread driver;
      if (rate > 0) {
        Semaphore inFlight = new Semaphore(maxInFlight);
        driver = Thread.ofPlatform().name("bench-load-ticker").start(() -> {
          long periodNanos = (long) (1e9 / rate);
          for (long i = 0; ; i++) {
            long scheduled = start + i * periodNanos;
            if (scheduled >= end) {
              return;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
              overflow.incrementAndGet();
              continue;
            }
            SplittableRandom r = new SplittableRandom(runSeed * 1_000_003 + i);
            threads.execute(() -> {
              try {
                Result res = work.next(r, scheduled);
                synchronized (lock) {
                  current[0].add(res);
                  whole.add(res);
                }
              } finally {
                inFlight.release();
              }
            });
          }
        });
      } else {
        driver = Thread.ofPlatform().name("bench-load-clients").start(() -> {
          List<java.util.concurrent.Future<?>> done = new ArrayList<>();
          for (int c = 0; c < clients; c++) {
            SplittableRandom r = new SplittableRandom(runSeed * 1_000_003 + c);
            done.add(threads.submit(() -> {
              while (System.nanoTime() < end) {
                Result res = work.next(r, System.nanoTime());
                synchronized (lock) {
                  current[0].add(res);
                  whole.add(res);
                }
              }
            }));
          }
          for (var f : done) {
            try {
              f.get();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        });
      }
      long next = start + interval.toNanos();
      int index = 1;
      while (next < end + interval.toNanos() / 2) {
        long wait = Math.min(next, end) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(Duration.ofNanos(wait));
        }
        if (next >= end) {
          driver.join();
        }
        Recorder done;
        synchronized (lock) {
          done = current[0];
          done.overflow = overflow.getAndSet(0);
          long remaining = end - next;
          current[0] = new Recorder(++index, Math.min(interval.toNanos(), Math.max(0, remaining)) / 1e9);
        }
        if (sink != null && done.count() + done.overflow > 0) {
          sink.accept(done);
        }
        next += interval.toNanos();
      }
      driver.join();
    }
    return whole;
  }

  /** One answered (or failed) request. */
  record Result(Kind kind, String status, double millis) {}

  /** Latencies and statuses of one interval. */
  static final class Recorder {
    final int index;
    final double seconds;
    final List<Double> millis = new ArrayList<>();
    final Map<Kind, List<Double>> byKind = new java.util.EnumMap<>(Kind.class);
    final Map<String, Long> statuses = new TreeMap<>();
    long overflow;

    Recorder(int index, double seconds) {
      this.index = index;
      this.seconds = seconds;
    }

    void add(Result r) {
      statuses.merge(r.status(), 1L, Long::sum);
      if (r.status().equals("200")) {
        millis.add(r.millis());
        byKind.computeIfAbsent(r.kind(), x -> new ArrayList<>()).add(r.millis());
      }
    }

    long count() {
      return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      if (index > 0) {
        m.put("interval", index);
      }
      m.put("seconds", seconds);
      long n = count();
      m.put("requests", n);
      m.put("throughput_rps", seconds > 0 ? n / seconds : null);
      double[] all = millis.stream().mapToDouble(Double::doubleValue).toArray();
      m.put("p50_ms", pct(all, 50));
      m.put("p99_ms", pct(all, 99));
      m.put("p999_ms", pct(all, 99.9));
      m.put("statuses", statuses);
      long errors = statuses.entrySet().stream().filter(e -> !e.getKey().equals("200")).mapToLong(Map.Entry::getValue).sum();
      m.put("errors", errors);
      m.put("generator_overflow", overflow);
      Map<String, Object> kinds = new LinkedHashMap<>();
      byKind.forEach((kind, l) -> {
        double[] xs = l.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> km = new LinkedHashMap<>();
        km.put("ok", xs.length);
        km.put("p50_ms", pct(xs, 50));
        km.put("p99_ms", pct(xs, 99));
        kinds.put(kind.name().toLowerCase(Locale.ROOT), km);
      });
      m.put("by_kind", kinds);
      return m;
    }

    /** A percentile, or null (undefined) when no request was answered. */
    private static Double pct(double[] xs, double q) {
      return xs.length == 0 ? null : Math.round(Summary.percentile(xs, q) * 1000) / 1000.0;
    }
  }

  /** What one request does; thread-safe. */
  static final class Workload {
    private final HttpClient client;
    private final URI base;
    private final Map<Kind, Double> weights;
    private final double totalWeight;
    private final List<String> fixedQueries;
    private final int k;
    private final Duration timeout;
    /** Recently served searches (request id and item ids), for clicks and related items. */
    private final String[][] recent = new String[1024][];
    private long served;
    /** Words seen in served items' texts, bounded. */
    private final List<String> words = new ArrayList<>(SEED_WORDS);

    Workload(HttpClient client, URI base, Map<Kind, Double> weights, List<String> queries, int k, Duration timeout) {
      this.client = client;
      this.base = base;
      this.weights = weights;
      this.totalWeight = weights.values().stream().mapToDouble(Double::doubleValue).sum();
      this.fixedQueries = queries == null ? null : queries.stream().map(String::trim).filter(q -> !q.isEmpty()).toList();
      if (fixedQueries != null && fixedQueries.isEmpty()) {
        throw new InvalidInputException("--queries", queries, "expected at least one non-blank line");
      }
      this.k = k;
      this.timeout = timeout;
    }

    Result next(SplittableRandom r, long scheduledNanos) {
      Kind kind = pick(r);
      String[] last = null;
      if (kind != Kind.SEARCH) {
        synchronized (recent) {
          if (served > 0) {
            last = recent[(int) (r.nextLong(Math.min(served, recent.length)))];
          }
        }
        if (last == null || last.length < 2) {
          kind = Kind.SEARCH;
        }
      }
      HttpRequest req = switch (kind) {
        case SEARCH -> post("/search", "{\"query\": " + quote(query(r)) + ", \"k\": " + k + ", \"user\": \"u" + r.nextInt(1000) + "\"}");
        case CLICK -> {
          int pos = 1 + r.nextInt(Math.min(3, last.length - 1));
          yield post("/events", "{\"type\": \"click\", \"request_id\": " + quote(last[0]) + ", \"item_id\": " + quote(last[pos])
              + ", \"position\": " + pos + ", \"timestamp\": \"" + Instant.now() + "\"}");
        }
        case RELATED -> HttpRequest.newBuilder(base.resolve("/related/" + java.net.URLEncoder.encode(last[1 + r.nextInt(last.length - 1)],
            java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "?k=10")).timeout(timeout).GET().build();
      };
      try {
        HttpResponse<String> res = client.send(req, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - scheduledNanos) / 1e6;
        if (kind == Kind.SEARCH && res.statusCode() == 200) {
          remember(res.body(), r);
        }
        return new Result(kind, Integer.toString(res.statusCode()), ms);
      } catch (HttpTimeoutException e) {
        return new Result(kind, "timeout", (System.nanoTime() - scheduledNanos) / 1e6);
      } catch (IOException e) {
        return new Result(kind, "io_error", (System.nanoTime() - scheduledNanos) / 1e6);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(kind, "interrupted", 0);
      }
    }

    private Kind pick(SplittableRandom r) {
      double x = r.nextDouble() * totalWeight;
      for (Map.Entry<Kind, Double> e : weights.entrySet()) {
        x -= e.getValue();
        if (x < 0) {
          return e.getKey();
        }
      }
      return Kind.SEARCH;
    }

    private String query(SplittableRandom r) {
      if (fixedQueries != null) {
        return fixedQueries.get(r.nextInt(fixedQueries.size()));
      }
      synchronized (words) {
        String a = words.get(r.nextInt(words.size()));
        return r.nextBoolean() ? a : a + " " + words.get(r.nextInt(words.size()));
      }
    }

    private void remember(String body, SplittableRandom r) {
      try {
        JsonNode n = JSON.readTree(body);
        JsonNode items = n.path("items");
        if (!n.has("request_id") || items.isEmpty()) {
          return;
        }
        String[] entry = new String[items.size() + 1];
        entry[0] = n.get("request_id").asText();
        for (int i = 0; i < items.size(); i++) {
          entry[i + 1] = items.get(i).path("id").asText();
        }
        synchronized (recent) {
          recent[(int) (served++ % recent.length)] = entry;
        }
        if (fixedQueries == null) {
          String text = items.get(r.nextInt(items.size())).path("fields").path("text").asText("");
          String[] tokens = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
          synchronized (words) {
            for (int i = 0; i < Math.min(3, tokens.length); i++) {
              String w = tokens[r.nextInt(tokens.length)];
              if (w.length() >= 3) {
                if (words.size() < 2000) {
                  words.add(w);
                } else {
                  words.set(r.nextInt(words.size()), w);
                }
              }
            }
          }
        }
      } catch (IOException e) {
        // an unreadable answer was already counted by its status
      }
    }

    private HttpRequest post(String path, String body) {
      return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The base URL, if its host is a loopback address (this generator never loads another machine). */
  static URI loopback(String url) {
    URI u;
    try {
      u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--url", url, "expected a URL such as http://127.0.0.1:8080");
    }
    if (!"http".equals(u.getScheme()) || u.getHost() == null) {
      throw new InvalidInputException("--url", url, "expected an http URL such as http://127.0.0.1:8080");
    }
    try {
      if (!InetAddress.getByName(u.getHost()).isLoopbackAddress()) {
        throw new InvalidInputException("--url", url, "expected a loopback address (127.0.0.1, ::1 or localhost): bench load only loads this machine");
      }
    } catch (java.net.UnknownHostException e) {
      throw new InvalidInputException("--url", url, "unknown host");
    }
    return u;
  }

  static Map<Kind, Double> parseMix(String text) {
    Map<Kind, Double> out = new java.util.EnumMap<>(Kind.class);
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=");
      Kind kind;
      double w;
      try {
        kind = Kind.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
        w = Double.parseDouble(kv[1].trim());
      } catch (RuntimeException e) {
        throw new InvalidInputException("--mix", part, "expected kind=weight with kind search, click or related");
      }
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new InvalidInputException("--mix", part, "expected a finite weight of 0 or more");
      }
      out.put(kind, w);
    }
    if (out.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new InvalidInputException("--mix", text, "expected some positive weight");
    }
    return out;
  }

  static JsonNode get(HttpClient client, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** The server's resident memory, heap in use and loop state sizes, from its /health (empty when it does not answer). */
  static Map<String, Object> serverSample(HttpClient client, URI base) {
    Map<String, Object> m = new LinkedHashMap<>();
    try {
      JsonNode h = get(client, base.resolve("/health"));
      JsonNode rss = h.path("process").path("rss_bytes");
      m.put("rss_bytes", rss.isNumber() ? rss.asLong() : null);
      JsonNode heap = h.path("process").path("heap_used_bytes");
      m.put("heap_used_bytes", heap.isNumber() ? heap.asLong() : null);
      JsonNode loop = h.path("loop_stats");
      for (String f : LOOP_FIELDS) {
        if (loop.has(f)) {
          m.put(f, loop.get(f).asLong());
        }
      }
      m.put("events_stored", h.path("events_stored").asLong());
      m.put("shed", h.path("load").path("shed").asLong());
    } catch (IOException e) {
      m.put("rss_bytes", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    m.put("load_average_1m", loadAverage());
    return m;
  }

  /**
   * The loop's state sizes sampled each interval from {@code /health}'s {@code loop_stats}: the
   * request ledger ({@code requests_logged}), the memory index's pairs and query
   * understanding's units with their bounds and evictions, and retrainings.
   */
  static final List<String> LOOP_FIELDS = List.of("requests_logged", "memory_feedback_keys", "memory_feedback_pairs", "memory_max_pairs",
      "memory_evicted_pairs", "qu_click_units", "qu_max_units", "qu_evicted_units", "retrainings", "failed_retrainings");

  /** This machine's 1-minute load average (the server shares it: loopback only), or null where the OS does not say. */
  static Double loadAverage() {
    double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? null : Math.round(l * 100) / 100.0;
  }
}
