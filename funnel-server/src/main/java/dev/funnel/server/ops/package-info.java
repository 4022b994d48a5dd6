/**
 * What operations teams watch. {@link dev.funnel.server.ops.ServerMetrics} keeps a Micrometer
 * registry exposed at {@code GET /metrics} in the Prometheus text format: a latency histogram
 * and a request count by status per route, JVM, GC, thread and process metrics, and whatever
 * the features bind to it (the loop's decisions, rewards, events, retrainings). {@link
 * dev.funnel.server.ops.AccessLog} writes one line per request to the {@code funnel.access}
 * logger: method, route, status, {@code took_ms} and {@code request_id}. {@link
 * dev.funnel.server.ops.RequestScope} lets code on a request's thread tell both of them what it
 * served (the request id, the strategies that ran) without passing the HTTP context around.
 * {@link dev.funnel.server.ops.ServerFeatures} bundles these with the access control and rate
 * limit of one server.
 */
package dev.funnel.server.ops;
