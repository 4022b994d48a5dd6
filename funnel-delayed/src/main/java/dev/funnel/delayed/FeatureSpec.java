package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Names of the click-time features of a data source, and which of them are categorical codes
 * (passed to LightGBM as {@code categorical_feature}).
 */
public record FeatureSpec(List<String> names, Set<Integer> categorical) {
  public FeatureSpec {
    if (names == null || names.isEmpty()) {
      throw new InvalidInputException("names", names, "expected at least one feature name");
    }
    names = List.copyOf(names);
    categorical = categorical == null ? Set.of() : Set.copyOf(new TreeSet<>(categorical));
    for (int c : categorical) {
      if (c < 0 || c >= names.size()) {
        throw new InvalidInputException("categorical", c, "expected a feature index in [0, " + (names.size() - 1) + "]");
      }
    }
  }

  public int size() {
    return names.size();
  }

  /** The LightGBM {@code categorical_feature} value, or empty when no feature is categorical. */
  public String lightGbmCategorical() {
    return new TreeSet<>(categorical).stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
