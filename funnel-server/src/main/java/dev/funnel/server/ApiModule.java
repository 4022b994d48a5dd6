package dev.funnel.server;

import io.javalin.Javalin;

/** A group of HTTP routes contributed by one feature (search, events, related items...). */
public interface ApiModule {
  void register(Javalin app);
}
