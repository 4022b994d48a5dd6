/**
 * The web console of a serving process and the JSON routes behind it.
 *
 * <p>{@code GET /console} serves a single page (static files in this jar, charts drawn with uPlot
 * from its WebJar; no CDN, no build step) that reads only the server's public JSON API: {@code
 * POST /search} and {@code POST /events} (search panel), {@code GET /stats/timeline} (the loop's
 * live charts, from the bounded in-process {@link dev.funnel.console.TimelineSampler}), {@code
 * GET /models} and {@code POST /models/ranker/{version}/activate} (ranker versions), {@code GET
 * /models/decision} (threshold tables), {@code GET /ope/policies} and {@code POST /ope}
 * (off-policy estimates on the decision log), {@code GET /related/{item}} and {@code GET
 * /graph/nodes/{item}} (related items and degrees) and {@code GET /health}. docs/console.md shows
 * every panel.
 */
package dev.funnel.console;
