package dev.funnel.spark;

import dev.funnel.rank.TrainingRecord;
import java.io.Serializable;
import java.time.Instant;

/**
 * A training-log record as it travels between Spark tasks ({@link TrainingRecord} is not
 * serialisable), with its line number in the log and, after the join, its label.
 */
final class Impression implements Serializable {
  private static final long serialVersionUID = 1L;
  final long line;
  final String requestId;
  final String query;
  final Instant time;
  final String segment;
  final String itemId;
  final int position;
  final float[] features;
  final int label;

  Impression(long line, TrainingRecord r) {
    this(line, r.requestId(), r.query(), r.time(), r.segment(), r.itemId(), r.position(), r.features(), 0);
  }

  private Impression(long line, String requestId, String query, Instant time, String segment, String itemId, int position, float[] features, int label) {
    this.line = line;
    this.requestId = requestId;
    this.query = query;
    this.time = time;
    this.segment = segment;
    this.itemId = itemId;
    this.position = position;
    this.features = features;
    this.label = label;
  }

  Impression withLabel(int l) {
    return new Impression(line, requestId, query, time, segment, itemId, position, features, l);
  }

  String key() {
    return Keys.of(requestId, itemId);
  }

  TrainingRecord record() {
    return new TrainingRecord(requestId, query, time, segment, itemId, position, features);
  }
}
