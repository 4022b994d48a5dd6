package dev.funnel.core.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error for long runs: redraws at most a few times a second, prints
 * the rate and the time left, and finishes with a newline. Quiet when {@code total <= 0}.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 250_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;

  public Progress(String label, long total) {
    this(label, total, System.err);
  }

  public Progress(String label, long total, PrintStream out) {
    this.label = label;
    this.total = total;
    this.out = out;
  }

  public synchronized void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS || done >= total) {
      lastDraw = now;
      draw(now);
    }
  }

  private void draw(long now) {
    if (total <= 0) {
      return;
    }
    double frac = Math.min(1.0, done / (double) total);
    int width = 30;
    int filled = (int) Math.round(frac * width);
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    double left = rate > 0 ? (total - done) / rate : 0;
    out.printf(
        Locale.ROOT,
        "\r%s [%s%s] %3.0f%% %d/%d %.0f/s eta %.0fs",
        label,
        "#".repeat(filled),
        " ".repeat(width - filled),
        frac * 100,
        done,
        total,
        rate,
        Math.max(0, left));
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (total > 0) {
      draw(System.nanoTime());
      out.println();
    }
  }
}
