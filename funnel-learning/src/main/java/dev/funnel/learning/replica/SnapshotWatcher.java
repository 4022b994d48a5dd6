package dev.funnel.learning.replica;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a {@link SnapshotStore}'s pointer and calls the listener, in its own thread and one
 * call at a time, with every version that becomes current after the one it started from. It
 * polls the pointer (a few bytes) every {@code period}: file-change notifications are not
 * reliable on every file system, and a replica switches at most once per publication anyway.
 * A listener that fails is told again at the next poll, so a half-copied or unreadable version
 * is retried rather than skipped.
 */
public final class SnapshotWatcher implements AutoCloseable {
  private final SnapshotStore store;
  private final ScheduledExecutorService poller;
  private volatile String seen;

  public SnapshotWatcher(SnapshotStore store, String startedFrom, Duration period, Consumer<SnapshotStore.Snapshot> listener) {
    this.store = store;
    this.seen = startedFrom;
    this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "funnel-snapshot-watcher");
      t.setDaemon(true);
      return t;
    });
    long ms = Math.max(1, period.toMillis());
    poller.scheduleWithFixedDelay(() -> {
      try {
        var current = store.current();
        if (current.isPresent() && !current.get().version().equals(seen)) {
          listener.accept(current.get());
          seen = current.get().version();
        }
      } catch (IOException | RuntimeException e) {
        System.err.println("funnel: switching to the snapshot in " + store.dir() + " failed (retrying): " + e);
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** The version last switched to (or started from). */
  public String version() {
    return seen;
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
