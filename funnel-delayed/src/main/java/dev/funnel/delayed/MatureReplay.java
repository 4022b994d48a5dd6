package dev.funnel.delayed;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training rows for auxiliary models, built only from clicks whose label is mature at the
 * snapshot time. Each mature click is replayed as it looked at a pseudo elapsed time e, drawn
 * from the elapsed times of the snapshot's immature rows (so the auxiliary model is trained on
 * the same elapsed-time distribution it is applied to); its observed label and engagement at
 * {@code click + e} come from the journey, and its final label is known because it is mature.
 */
public final class MatureReplay {
  /** A mature click seen at pseudo elapsed time {@code elapsed}. */
  public record Row(Observation mature, long elapsed, boolean observedAtElapsed, EngagementState engagementAtElapsed) {
    public boolean eventual() {
      return mature.observedLabel();
    }
  }

  private MatureReplay() {}

  /** {@code copies} replays per row of the snapshot's mature history. */
  public static List<Row> replay(Snapshot s, int copies, SplittableRandom rnd) {
    List<Long> immature = new ArrayList<>();
    for (Observation o : s.rows()) {
      if (!o.mature()) {
        immature.add(o.elapsed());
      }
    }
    List<Row> out = new ArrayList<>();
    for (Observation o : s.history()) {
      for (int c = 0; c < copies; c++) {
        long e = immature.isEmpty() ? 1 + rnd.nextLong(s.attributionWindow()) : immature.get(rnd.nextInt(immature.size()));
        long t = o.journey().clickTime() + e;
        Journey j = o.journey();
        boolean seen = j.convertedBy(t) && j.delay() <= s.attributionWindow();
        out.add(new Row(o, e, seen, j.engagementAt(t)));
      }
    }
    return out;
  }

  /** Click features followed by log1p(elapsed hours) and, when {@code engagement} is non-null, the engagement features. */
  public static float[] auxFeatures(float[] x, long elapsed, EngagementState engagement) {
    int extra = 1 + (engagement == null ? 0 : EngagementState.FEATURE_NAMES.size());
    float[] row = java.util.Arrays.copyOf(x, x.length + extra);
    row[x.length] = (float) Math.log1p(elapsed / 3600.0);
    if (engagement != null) {
      engagement.appendTo(row, x.length + 1);
    }
    return row;
  }
}
