package dev.funnel.assembly;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an assembly has opened so far, closed newest first: when a later step of the assembly
 * fails ({@link #closeAfter}, each close's own error kept as a suppressed exception of the
 * failure), and when the assembled process closes ({@link #close}: every resource is closed even
 * when an earlier close fails).
 */
final class OpenedResources implements AutoCloseable {

  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  /** Records {@code resource} as opened and returns it. */
  <T extends AutoCloseable> T push(T resource) {
    opened.push(resource);
    return resource;
  }

  /** Closes everything opened, newest first, adding each close's error to {@code failure}. */
  void closeAfter(Throwable failure) {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  /** Closes everything opened, newest first; the first error is thrown once all are closed, with the later ones suppressed. */
  @Override
  public void close() throws IOException {
    Exception first = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first instanceof IOException io) {
      throw io;
    }
    if (first instanceof RuntimeException re) {
      throw re;
    }
    if (first != null) {
      throw new IOException(first);
    }
  }
}
