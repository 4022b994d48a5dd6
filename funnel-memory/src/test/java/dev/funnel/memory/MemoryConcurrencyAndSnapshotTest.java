package dev.funnel.memory;

import dev.funnel.query.QueryNormalizer;
import dev.funnel.query.RequestLog;
import dev.funnel.query.Snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.Event;
import dev.funnel.core.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryConcurrencyAndSnapshotTest {
  static final Instant T = MemoryIndexTest.T;

  static List<Event> randomEvents(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Event> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      EventType type = EventType.values()[r.nextInt(4)];
      out.add(new Event(type, "r" + i, "item" + r.nextInt(40), 1 + r.nextInt(10),
          T.minus(Duration.ofMinutes(r.nextInt(60 * 24 * 30))), null, null, "query " + r.nextInt(60)));
    }
    return out;
  }

  static MemoryIndex newIndex() {
    return new MemoryIndex(MemoryConfig.DEFAULT, QueryNormalizer.DEFAULT, RequestLog.NONE, MemoryIndexTest.AT_T);
  }

  @Test
  void parallelUpdatesAndReadsLoseNothing() throws Exception {
    long seed = 42L;
    List<Event> events = randomEvents(seed, 80_000);
    MemoryIndex sequential = newIndex();
    events.forEach(sequential::accept);

    MemoryIndex parallel = newIndex();
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    List<Future<?>> readers = new ArrayList<>();
    for (int rdr = 0; rdr < 2; rdr++) {
      int id = rdr;
      readers.add(pool.submit(() -> {
        SplittableRandom r = new SplittableRandom(seed + id);
        do { // at least one read, however the threads are scheduled
          List<MemoryHit> hits = parallel.lookup("query " + r.nextInt(60), 10, T);
          for (MemoryHit h : hits) {
            assertTrue(Double.isFinite(h.score()) && h.score() >= 0, "seed " + seed + " hit " + h);
          }
          QueryItemStats s = parallel.stats("query " + r.nextInt(60), "item" + r.nextInt(40), T);
          assertTrue(s.ctr() >= 0 && s.ctr() <= 1, "seed " + seed + " stats " + s);
          reads.incrementAndGet();
        } while (!done.get());
      }));
    }
    List<Future<?>> writes = new ArrayList<>();
    int chunk = events.size() / writers;
    for (int w = 0; w < writers; w++) {
      List<Event> part = events.subList(w * chunk, (w + 1) * chunk);
      writes.add(pool.submit(() -> part.forEach(parallel::accept)));
    }
    for (Future<?> f : writes) {
      f.get();
    }
    done.set(true);
    for (Future<?> f : readers) {
      f.get();
    }
    pool.shutdown();
    assertTrue(reads.get() > 0);
    assertEquals(events.size(), parallel.acceptedEvents());
    for (int q = 0; q < 60; q++) {
      for (int i = 0; i < 40; i++) {
        QueryItemStats a = sequential.stats("query " + q, "item" + i, T);
        QueryItemStats b = parallel.stats("query " + q, "item" + i, T);
        String where = "seed " + seed + " query " + q + " item" + i;
        assertEquals(a.impressions(), b.impressions(), where);
        assertEquals(a.clicks(), b.clicks(), where);
        assertEquals(a.carts(), b.carts(), where);
        assertEquals(a.purchases(), b.purchases(), where);
        // decay is order-independent up to floating-point rounding
        assertEquals(a.decayedClicks(), b.decayedClicks(), 1e-9 * (1 + a.decayedClicks()), where);
        assertEquals(a.utility(), b.utility(), 1e-9, where);
      }
    }
  }

  @Test
  void snapshotRoundTripKeepsEveryStatisticAndPrediction(@TempDir Path dir) throws IOException {
    MemoryIndex index = newIndex();
    randomEvents(5L, 5_000).forEach(index::accept);
    index.addPredictions(List.of(new PredictedQuery("new thing", "cold1", 0.8, "title")));
    Path file = dir.resolve("memory.snap");
    index.snapshot(file);
    MemoryIndex loaded = MemoryIndex.load(file, MemoryConfig.DEFAULT, RequestLog.NONE, MemoryIndexTest.AT_T);
    assertEquals(index.acceptedEvents(), loaded.acceptedEvents());
    assertEquals(index.feedbackKeys(), loaded.feedbackKeys());
    for (int q = 0; q < 60; q++) {
      assertEquals(index.lookup("query " + q, 20, T), loaded.lookup("query " + q, 20, T));
      for (int i = 0; i < 40; i++) {
        assertEquals(index.stats("query " + q, "item" + i, T), loaded.stats("query " + q, "item" + i, T));
      }
    }
    assertEquals(index.lookup("new thing", 5, T), loaded.lookup("new thing", 5, T));
    assertEquals("cold1", loaded.lookup("new thing", 5, T).get(0).itemId());
  }

  @Test
  void aFailedOrPartialWriteNeverReplacesTheSnapshot(@TempDir Path dir) throws IOException {
    MemoryIndex index = newIndex();
    randomEvents(6L, 2_000).forEach(index::accept);
    Path file = dir.resolve("memory.snap");
    index.snapshot(file);
    byte[] good = Files.readAllBytes(file);

    // a writer that dies half-way: the old snapshot stays, no temporary file is left behind
    assertThrows(IOException.class, () -> Snapshots.write(file, MemoryIndex.SNAPSHOT_KIND, MemoryIndex.SNAPSHOT_VERSION, out -> {
      out.writeLong(1);
      throw new IOException("disk full");
    }));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
    // a process killed mid-write leaves a partial temporary file: loading ignores it
    Files.write(dir.resolve("memory.snap.tmp-123"), java.util.Arrays.copyOf(good, good.length / 2));
    assertEquals(index.acceptedEvents(), MemoryIndex.load(file, MemoryConfig.DEFAULT, RequestLog.NONE, MemoryIndexTest.AT_T).acceptedEvents());
    assertEquals(java.util.Arrays.toString(good), java.util.Arrays.toString(Files.readAllBytes(file)));

    // a truncated or foreign file fails clearly
    Path truncated = dir.resolve("truncated.snap");
    Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 20));
    IOException e = assertThrows(IOException.class, () -> MemoryIndex.load(truncated, MemoryConfig.DEFAULT, RequestLog.NONE, null));
    assertTrue(e.getMessage().contains("corrupt or truncated"), e.getMessage());
    Path foreign = dir.resolve("foreign.snap");
    Files.writeString(foreign, "{\"not\": \"a snapshot\"}");
    e = assertThrows(IOException.class, () -> MemoryIndex.load(foreign, MemoryConfig.DEFAULT, RequestLog.NONE, null));
    assertTrue(e.getMessage().contains("not a Funnel snapshot"), e.getMessage());
    e = assertThrows(IOException.class,
        () -> MemoryIndex.load(file, MemoryConfig.DEFAULT.withHalfLife(Duration.ofDays(1)), RequestLog.NONE, null));
    assertTrue(e.getMessage().contains("half-life"), e.getMessage());
    Path newer = dir.resolve("newer.snap");
    Snapshots.write(newer, MemoryIndex.SNAPSHOT_KIND, MemoryIndex.SNAPSHOT_VERSION + 1, out -> out.writeLong(0));
    e = assertThrows(IOException.class, () -> MemoryIndex.load(newer, MemoryConfig.DEFAULT, RequestLog.NONE, null));
    assertTrue(e.getMessage().contains("format_version 2") && e.getMessage().contains("\"memory\"") && e.getMessage().startsWith(newer.toString()), e.getMessage());
  }
}
