package dev.funnel.cli.serve;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What an assembly has opened so far, closed in reverse order when a later step fails; the
 * failure keeps each close's own error as a suppressed exception.
 */
final class OpenedResources {

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
}
