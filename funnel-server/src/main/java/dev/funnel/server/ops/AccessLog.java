package dev.funnel.server.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@value #LOGGER} logger at INFO, e.g. {@code POST /search 200
 * took_ms=4.21 request_id=6f1c...}, with the same values as key-value pairs ({@code method},
 * {@code route}, {@code path}, {@code status}, {@code took_ms}, {@code request_id}) for the JSON
 * log format. The request id is the one the request served (a search's), else the client's
 * {@code X-Request-Id} header, else {@code -}.
 */
public final class AccessLog {
  public static final String LOGGER = "funnel.access";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  public void log(String method, String route, String path, int status, double tookMs, String requestId) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String id = requestId == null ? "-" : requestId;
    String took = String.format(java.util.Locale.ROOT, "%.2f", tookMs);
    LOG.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("path", path).addKeyValue("status", status)
        .addKeyValue("took_ms", tookMs).addKeyValue("request_id", id)
        .log("{} {} {} took_ms={} request_id={}", method, path, status, took, id);
  }
}
