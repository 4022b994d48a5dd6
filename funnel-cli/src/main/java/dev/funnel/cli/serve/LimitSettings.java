package dev.funnel.cli.serve;

import dev.funnel.core.InvalidInputException;
import dev.funnel.server.RequestLimits;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The request limits of a serving process ({@code serve}, {@code demo}); defaults from {@link RequestLimits#defaults()}. */
public final class LimitSettings {
  private static final RequestLimits D = RequestLimits.defaults();

  @Option(names = "--max-body-bytes", description = "Largest request body; larger ones get a 413 (default: 1048576).")
  long maxBodyBytes = D.maxBodyBytes();

  @Option(names = "--max-query-chars", description = "Longest search query in characters; longer ones get a 400 (default: 1024).")
  int maxQueryChars = D.maxQueryChars();

  @Option(names = "--max-query-terms", description = "Most whitespace-separated terms in a search query (default: 64).")
  int maxQueryTerms = D.maxQueryTerms();

  @Option(names = "--max-k", description = "Largest k of a request (default: 1000).")
  int maxK = D.maxK();

  @Option(names = "--max-request-candidates", description = "Most candidates one request may retrieve over all its strategies (default: 2000).")
  int maxRequestCandidates = D.maxRequestCandidates();

  @Option(names = "--deadline", description = "Time budget of one request, e.g. 500ms, 2s: past it a search answers what it has, marked partial (default: 2s).")
  String deadline = "2s";

  @Option(names = "--max-concurrent", description = "Requests worked on at once (default: 2 per core, at least 2).")
  int maxConcurrent = D.maxConcurrent();

  @Option(names = "--max-queued", description = "Requests waiting for a slot at most; more get a 503 with Retry-After (default: 64).")
  int maxQueued = D.maxQueued();

  /** The limits; fails naming the flag of a bad value. */
  RequestLimits limits() {
    Duration d = duration("--deadline", deadline);
    try {
      return new RequestLimits(maxBodyBytes, maxQueryChars, maxQueryTerms, maxK, maxRequestCandidates, d, maxConcurrent, maxQueued);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--" + e.field().replace('_', '-'), e.value(), e.getMessage());
    }
  }

  static Duration duration(String flag, String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      Duration d = t.endsWith("ms") ? Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()))
          : Duration.parse("PT" + t.toUpperCase(java.util.Locale.ROOT));
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException(flag, text, "expected a positive duration such as 500ms or 2s");
      }
      return d;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new InvalidInputException(flag, text, "expected a duration such as 500ms, 2s or 1m");
    }
  }
}
