package dev.funnel.rank;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered, named columns of a feature vector, with the version of the code that computes
 * them. A model is only valid for the schema it was trained on: {@link #requireSame} fails with
 * the first difference, so a model file trained with other features (or an older feature
 * definition) is rejected clearly instead of scoring garbage.
 *
 * @param version version of the feature definitions ({@link #CURRENT_VERSION} for features
 *     computed by {@link FeaturePipeline}; data read from files such as SVMlight use their own)
 * @param names feature names, unique, in vector order
 */
public record FeatureSchema(int version, List<String> names) {
  /** Bumped whenever any extractor changes how an existing feature is computed. */
  public static final int CURRENT_VERSION = 1;

  public FeatureSchema {
    Checks.atLeast("version", version, 1);
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new InvalidInputException("names", "[]", "expected at least one feature");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      Checks.nonBlank("feature name", n);
      if (!seen.add(n)) {
        throw new InvalidInputException("names", n, "expected unique feature names");
      }
    }
  }

  public int size() {
    return names.size();
  }

  /** Column of {@code name}, or -1 when the schema has no such feature. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  /** Generic names {@code f0..f(n-1)} for data that comes without names (SVMlight files). */
  public static FeatureSchema numbered(int version, int columns) {
    Checks.atLeast("columns", columns, 1);
    String[] n = new String[columns];
    for (int i = 0; i < columns; i++) {
      n[i] = "f" + i;
    }
    return new FeatureSchema(version, List.of(n));
  }

  /** Throws unless {@code other} (e.g. the schema stored in a model file) equals this one. */
  public void requireSame(FeatureSchema other, String what) {
    if (other.version != version) {
      throw new InvalidInputException(what + ".schema.version", other.version,
          "expected feature schema version " + version + " (retrain the model with the current features)");
    }
    if (other.names.size() != names.size()) {
      throw new InvalidInputException(what + ".schema.names", other.names.size() + " features",
          "expected " + names.size() + " features " + names);
    }
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(other.names.get(i))) {
        throw new InvalidInputException(what + ".schema.names[" + i + "]", other.names.get(i), "expected feature \"" + names.get(i) + "\"");
      }
    }
  }

  /** Throws unless {@code row} has one value per feature. */
  public void requireRow(float[] row, String what) {
    if (row.length != names.size()) {
      throw new InvalidInputException(what, row.length + " values", "expected " + names.size() + " features");
    }
  }
}
