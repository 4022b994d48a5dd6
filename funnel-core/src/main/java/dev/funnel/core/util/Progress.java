package dev.funnel.core.util;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run. On a terminal ({@link System#console()} present) it is a bar on
 * standard error, redrawn in place at most a few times a second with the rate and the time left
 * and finished with a newline. Anywhere else (a log file, a pipe, CI) it writes a plain log line
 * every {@value #LINE_SECONDS} seconds and one at the end, with no carriage returns. Quiet when
 * {@code total <= 0}.
 */
public final class Progress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long REDRAW_NANOS = 250_000_000L;
  static final int LINE_SECONDS = 10;
  private static final long LINE_NANOS = LINE_SECONDS * 1_000_000_000L;

  private final String label;
  private final long total;
  private final PrintStream bar;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;

  /** A bar on standard error when it is a terminal, plain periodic log lines otherwise. */
  public Progress(String label, long total) {
    this(label, total, System.console() != null ? System.err : null);
  }

  /** A bar drawn on {@code bar}; null writes plain periodic log lines instead. */
  public Progress(String label, long total, PrintStream bar) {
    this.label = label;
    this.total = total;
    this.bar = bar;
    this.lastDraw = bar == null ? start : 0;
  }

  public synchronized void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (bar != null && (now - lastDraw >= REDRAW_NANOS || done >= total)) {
      lastDraw = now;
      draw(now);
    } else if (bar == null && now - lastDraw >= LINE_NANOS && done < total) {
      lastDraw = now;
      line(now);
    }
  }

  private void draw(long now) {
    if (total <= 0) {
      return;
    }
    double frac = Math.min(1.0, done / (double) total);
    int width = 30;
    int filled = (int) Math.round(frac * width);
    bar.printf(Locale.ROOT, "\r%s [%s%s] %s", label, "#".repeat(filled), " ".repeat(width - filled), status(now));
    bar.flush();
  }

  private void line(long now) {
    if (total > 0) {
      LOG.info("{} {}", label, status(now));
    }
  }

  private String status(long now) {
    double frac = Math.min(1.0, done / (double) total);
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    double left = rate > 0 ? (total - done) / rate : 0;
    return String.format(Locale.ROOT, "%3.0f%% %d/%d %.0f/s eta %.0fs", frac * 100, done, total, rate, Math.max(0, left));
  }

  @Override
  public synchronized void close() {
    if (total <= 0) {
      return;
    }
    if (bar != null) {
      draw(System.nanoTime());
      bar.println();
    } else {
      line(System.nanoTime());
    }
  }
}
