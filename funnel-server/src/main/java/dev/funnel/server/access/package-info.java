/**
 * Who may call the API and how fast. {@link dev.funnel.server.access.ApiKeys} holds the optional
 * API keys of two roles: {@code read} (search, related items, events, stats) and {@code admin}
 * (item updates, models and every other mutating route; an admin key may also read). With no
 * keys configured every route is open, as on a developer's machine bound to 127.0.0.1. {@link
 * dev.funnel.server.access.AccessControl} decides the role a route needs and answers a missing
 * or wrong key with a 401 and a key without the role with a 403. {@link
 * dev.funnel.server.access.RateLimiter} keeps one {@link dev.funnel.server.access.TokenBucket}
 * per client (its API key, or its remote address) and refuses event batches above the client's
 * rate with a 429 and {@code Retry-After}, so that a flood of fake clicks cannot poison the
 * memory index and the bandit unnoticed.
 */
package dev.funnel.server.access;
