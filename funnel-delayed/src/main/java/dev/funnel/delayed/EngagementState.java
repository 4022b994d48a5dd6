package dev.funnel.delayed;

/**
 * Engagement seen between a click and the observation time: counts of add-to-cart, favourite
 * and repeated-view events, and the seconds since the last one ({@code NaN} when none).
 */
public record EngagementState(int carts, int favourites, int views, double secondsSinceLast) {
  public static final EngagementState NONE = new EngagementState(0, 0, 0, Double.NaN);

  /** Names of the values {@link #appendTo} writes. */
  public static final java.util.List<String> FEATURE_NAMES = java.util.List.of("eng_carts", "eng_favourites", "eng_views", "eng_log_since_last");

  /** Writes the four engagement features at {@code offset} (time since last as log1p hours). */
  public void appendTo(float[] row, int offset) {
    row[offset] = carts;
    row[offset + 1] = favourites;
    row[offset + 2] = views;
    row[offset + 3] = Double.isNaN(secondsSinceLast) ? Float.NaN : (float) Math.log1p(secondsSinceLast / 3600.0);
  }
}
