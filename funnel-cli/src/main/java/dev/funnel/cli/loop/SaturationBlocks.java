package dev.funnel.cli.loop;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.Summary;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench load --find-saturation}: one invocation that finds the saturation throughput and
 * then measures the tail at high load against the tail at low load, interleaved, so that both
 * sides of the ratio see the same machine. First a closed-loop sweep: each client count of {@code
 * --saturation-clients} for {@code --saturation-seconds} (after {@code --warmup-seconds} of
 * unreported load), the saturation being the best rate of answered (200) requests. Then {@code
 * --blocks} open-loop blocks of {@code --block-seconds}, alternating {@code --high-fraction} and
 * {@code --low-fraction} of that rate, high first; latency counts from each request's scheduled
 * send time, so queueing is never hidden (no coordinated omission). Each block reports its p50,
 * p99, p99.9, answers by status and the machine's 1-minute load average at its start and end; each
 * pair (a high block and the low block after it) its ratio p99(high) / p99(low), and the result
 * the median of those ratios (the figure: robust to one disturbed block) beside the ratio of the
 * median p99s.
 */
final class SaturationBlocks {
  private final BenchLoadCommand c;
  private final BenchLoadCommand.Workload work;
  private final HttpClient client;
  private final URI base;

  SaturationBlocks(BenchLoadCommand c, BenchLoadCommand.Workload work, HttpClient client, URI base) {
    this.c = c;
    this.work = work;
    this.client = client;
    this.base = base;
  }

  /** Rejects settings that cannot give a figure, naming the flag. */
  static void check(BenchLoadCommand c) {
    if (c.saturationClients == null || c.saturationClients.isEmpty() || c.saturationClients.stream().anyMatch(n -> n == null || n < 1 || n > 10_000)) {
      throw new InvalidInputException("--saturation-clients", c.saturationClients, "expected client counts from 1 to 10000, e.g. 2,4,8");
    }
    if (c.saturationSeconds < 1) {
      throw new InvalidInputException("--saturation-seconds", c.saturationSeconds, "expected at least 1 second");
    }
    if (c.blocks < 2 || c.blocks % 2 != 0) {
      throw new InvalidInputException("--blocks", c.blocks, "expected an even number of at least 2 (high and low blocks in pairs)");
    }
    if (c.blockSeconds < 1) {
      throw new InvalidInputException("--block-seconds", c.blockSeconds, "expected at least 1 second");
    }
    if (!(c.highFraction > 0 && c.highFraction <= 2)) {
      throw new InvalidInputException("--high-fraction", c.highFraction, "expected a fraction of saturation in (0, 2]");
    }
    if (!(c.lowFraction > 0 && c.lowFraction < c.highFraction)) {
      throw new InvalidInputException("--low-fraction", c.lowFraction, "expected a fraction in (0, --high-fraction)");
    }
  }

  Map<String, Object> run(Map<String, Object> config) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("command", "bench load");
    out.put("config", config);
    if (c.warmupSeconds > 0) {
      c.run(work, 0, c.saturationClients.get(c.saturationClients.size() - 1), Duration.ofSeconds(c.warmupSeconds), Duration.ofSeconds(c.warmupSeconds),
          c.seed ^ 0x5eed, null);
    }
    List<Map<String, Object>> levels = new ArrayList<>();
    double best = 0;
    int bestClients = 0;
    for (int i = 0; i < c.saturationClients.size(); i++) {
      int clients = c.saturationClients.get(i);
      Double loadBefore = BenchLoadCommand.loadAverage();
      BenchLoadCommand.Recorder r = c.run(work, 0, clients, Duration.ofSeconds(c.saturationSeconds), Duration.ofSeconds(c.saturationSeconds), c.seed * 31 + i, null);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("clients", clients);
      double answered = r.statuses.getOrDefault("200", 0L) / r.seconds;
      m.put("answered_rps", answered);
      m.putAll(brief(r.summary()));
      m.put("load_average_1m_start", loadBefore);
      m.put("load_average_1m_end", BenchLoadCommand.loadAverage());
      levels.add(m);
      System.err.println("funnel bench load: saturation " + BenchLoadCommand.JSON.writeValueAsString(m));
      if (answered > best) {
        best = answered;
        bestClients = clients;
      }
    }
    Map<String, Object> sat = new LinkedHashMap<>();
    sat.put("answered_rps", best);
    sat.put("clients", bestClients);
    sat.put("levels", levels);
    out.put("saturation", sat);
    if (best <= 0) {
      throw new IllegalStateException("no request was answered during the saturation sweep: " + levels);
    }
    List<Map<String, Object>> blockList = new ArrayList<>();
    List<Double> high = new ArrayList<>();
    List<Double> low = new ArrayList<>();
    for (int b = 0; b < c.blocks; b++) {
      boolean isHigh = b % 2 == 0;
      double fraction = isHigh ? c.highFraction : c.lowFraction;
      double rate = best * fraction;
      Double loadBefore = BenchLoadCommand.loadAverage();
      BenchLoadCommand.Recorder r = c.run(work, rate, 0, Duration.ofSeconds(c.blockSeconds), Duration.ofSeconds(c.blockSeconds), c.seed * 1009 + b, null);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("block", b + 1);
      m.put("load", isHigh ? "high" : "low");
      m.put("fraction_of_saturation", fraction);
      m.put("rate_rps", Math.round(rate * 100) / 100.0);
      m.putAll(brief(r.summary()));
      m.put("load_average_1m_start", loadBefore);
      m.put("load_average_1m_end", BenchLoadCommand.loadAverage());
      m.putAll(BenchLoadCommand.serverSample(client, base));
      blockList.add(m);
      (isHigh ? high : low).add((Double) m.get("p99_ms"));
      System.err.println("funnel bench load: block " + BenchLoadCommand.JSON.writeValueAsString(m));
    }
    out.put("blocks", blockList);
    List<Map<String, Object>> pairs = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < high.size(); i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pair", i + 1);
      p.put("high_p99_ms", high.get(i));
      p.put("low_p99_ms", low.get(i));
      Double ratio = high.get(i) == null || low.get(i) == null || low.get(i) <= 0 ? null : high.get(i) / low.get(i);
      p.put("ratio", ratio == null ? null : Math.round(ratio * 1000) / 1000.0);
      if (ratio != null) {
        ratios.add(ratio);
      }
      pairs.add(p);
    }
    out.put("pairs", pairs);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("saturation_rps", Math.round(best * 100) / 100.0);
    result.put("high_rate_rps", Math.round(best * c.highFraction * 100) / 100.0);
    result.put("low_rate_rps", Math.round(best * c.lowFraction * 100) / 100.0);
    Double medianRatio = median(ratios);
    Double highMedian = median(high.stream().filter(x -> x != null).toList());
    Double lowMedian = median(low.stream().filter(x -> x != null).toList());
    result.put("median_p99_ratio", medianRatio == null ? null : Math.round(medianRatio * 1000) / 1000.0);
    result.put("median_high_p99_ms", highMedian);
    result.put("median_low_p99_ms", lowMedian);
    result.put("ratio_of_median_p99s", highMedian == null || lowMedian == null || lowMedian <= 0 ? null : Math.round(highMedian / lowMedian * 1000) / 1000.0);
    result.put("goal", "median_p99_ratio below 2");
    result.put("goal_met", medianRatio == null ? null : medianRatio < 2);
    result.put("errors", blockList.stream().mapToLong(m -> ((Number) m.get("errors")).longValue()).sum());
    List<Double> loads = new ArrayList<>();
    for (Map<String, Object> m : blockList) {
      for (String f : List.of("load_average_1m_start", "load_average_1m_end")) {
        if (m.get(f) instanceof Double x) {
          loads.add(x);
        }
      }
    }
    result.put("load_average_1m_min", loads.stream().min(Double::compare).orElse(null));
    result.put("load_average_1m_max", loads.stream().max(Double::compare).orElse(null));
    out.put("result", result);
    return out;
  }

  /** The latency and status fields of an interval summary (without the per-kind detail). */
  private static Map<String, Object> brief(Map<String, Object> summary) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String f : List.of("seconds", "requests", "throughput_rps", "p50_ms", "p99_ms", "p999_ms", "statuses", "errors", "generator_overflow")) {
      m.put(f, summary.get(f));
    }
    return m;
  }

  private static Double median(List<Double> xs) {
    return xs.isEmpty() ? null : Math.round(Summary.median(xs.stream().mapToDouble(Double::doubleValue).toArray()) * 1000) / 1000.0;
  }
}
