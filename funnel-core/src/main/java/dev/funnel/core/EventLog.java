package dev.funnel.core;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * An append-only, durable log of feedback events. {@link #append} returns only once the events
 * are on stable storage: an acknowledged event survives a crash of the process.
 */
public interface EventLog extends AutoCloseable {
  /** Appends all events atomically (all or none survive a crash) and forces them to disk. */
  void append(List<Event> events) throws IOException;

  /** Calls {@code sink} for every stored event, in append order. */
  void scan(Consumer<Event> sink) throws IOException;

  /** Number of events stored. */
  long size();

  @Override
  void close() throws IOException;
}
