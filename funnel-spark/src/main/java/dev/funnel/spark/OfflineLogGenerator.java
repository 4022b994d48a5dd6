package dev.funnel.spark;

import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import dev.funnel.events.FileEventLog;
import dev.funnel.rank.FeatureSchema;
import dev.funnel.rank.TrainingLog;
import dev.funnel.rank.TrainingRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded served-traffic log of a given number of impressions, in the files serving writes: a
 * training log ({@code training.log}, features as served) and an event log directory
 * ({@code events/}, {@link FileEventLog}). Requests show 10 of a query's 20 candidates, ordered by
 * a logging score (x1 plus noise) unrelated to relevance (0.05 + 0.9·x0²); users click under the
 * position-based model θ_k = 1/k, and 10% of clicks lead to a purchase. Queries grow with the
 * log (one per 2,000 impressions, at least 100), so the number of (query, item) pairs grows too.
 * Written as a stream: memory does not grow with the log.
 */
public final class OfflineLogGenerator {
  public static final FeatureSchema SCHEMA = new FeatureSchema(1, List.of("x0", "x1", "x2", "x3", "x4", "x5"));
  static final int SHOWN = 10;
  static final int CANDIDATES = 20;

  /** What was written. */
  public record Written(long impressions, long requests, long events, int queries, Path trainingLog, Path eventLog) {}

  private OfflineLogGenerator() {}

  public static Written write(Path dir, long impressions, long seed) throws IOException {
    Checks.atLeast("impressions", impressions, SHOWN);
    Files.createDirectories(dir);
    long requests = impressions / SHOWN;
    int queries = (int) Math.max(100, impressions / 2000);
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom catalog = root.split();
    SplittableRandom r = root.split();
    float[][][] features = new float[queries][CANDIDATES][];
    for (int q = 0; q < queries; q++) {
      for (int j = 0; j < CANDIDATES; j++) {
        float[] f = new float[SCHEMA.size()];
        for (int k = 0; k < f.length; k++) {
          f[k] = (float) catalog.nextDouble();
        }
        features[q][j] = f;
      }
    }
    Path logFile = dir.resolve("training.log");
    Path eventDir = dir.resolve("events");
    Files.deleteIfExists(eventDir.resolve(FileEventLog.FILE_NAME));
    Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
    long events = 0;
    try (BufferedWriter w = Files.newBufferedWriter(logFile); FileEventLog el = FileEventLog.open(eventDir)) {
      w.write(TrainingLog.headerLine(SCHEMA));
      w.write('\n');
      List<Event> batch = new ArrayList<>();
      Integer[] order = new Integer[CANDIDATES];
      double[] key = new double[CANDIDATES];
      for (long i = 0; i < requests; i++) {
        int q = r.nextInt(queries);
        for (int j = 0; j < CANDIDATES; j++) {
          key[j] = features[q][j][1] + 0.3 * r.nextGaussian();
          order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -key[j]));
        String req = "r" + i;
        Instant t = t0.plusSeconds(i);
        for (int k = 0; k < SHOWN; k++) {
          int j = order[k];
          String item = "q" + q + "-i" + j;
          w.write(TrainingLog.recordLine(new TrainingRecord(req, "q" + q, t, null, item, k + 1, features[q][j])));
          w.write('\n');
          double x0 = features[q][j][0];
          if (r.nextDouble() < (1.0 / (k + 1)) * (0.05 + 0.9 * x0 * x0)) {
            batch.add(new Event(EventType.CLICK, req, item, k + 1, t.plusSeconds(5), null, null, "q" + q));
            if (r.nextDouble() < 0.1) {
              batch.add(new Event(EventType.PURCHASE, req, item, k + 1, t.plusSeconds(60), null, null, "q" + q));
            }
          }
        }
        if (batch.size() >= 10_000) {
          el.append(batch);
          events += batch.size();
          batch.clear();
        }
      }
      el.append(batch);
      events += batch.size();
    }
    return new Written(requests * SHOWN, requests, events, queries, logFile, eventDir);
  }
}
