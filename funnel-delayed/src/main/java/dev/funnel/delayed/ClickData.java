package dev.funnel.delayed;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Click journeys from one source, sorted by click time, with the source's feature names and
 * the attribution window (seconds): a conversion counts for a click only if it comes within
 * the window. {@code groundTruth} holds, for generated data, each click's true conversion
 * probability (empty for real data).
 */
public record ClickData(String source, FeatureSpec spec, List<Journey> journeys, long attributionWindow, double[] groundTruth) {
  public ClickData {
    Checks.nonBlank("source", source);
    Checks.atLeast("attributionWindow", attributionWindow, 1);
    List<Journey> sorted = new ArrayList<>(journeys);
    if (groundTruth != null && groundTruth.length != sorted.size()) {
      throw new InvalidInputException("groundTruth", groundTruth.length, "expected one probability per journey (" + sorted.size() + ")");
    }
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).clickTime() < sorted.get(i - 1).clickTime()) {
        if (groundTruth != null) {
          throw new InvalidInputException("journeys", i, "expected journeys sorted by click time when a ground truth is given");
        }
        sorted.sort(Comparator.comparingLong(Journey::clickTime));
        break;
      }
    }
    for (Journey j : sorted) {
      if (j.features().length != spec.size()) {
        throw new InvalidInputException("journeys[" + j.id() + "].features", j.features().length, "expected " + spec.size() + " features");
      }
    }
    journeys = List.copyOf(sorted);
  }

  public long start() {
    return journeys.isEmpty() ? 0 : journeys.get(0).clickTime();
  }

  public long end() {
    return journeys.isEmpty() ? 0 : journeys.get(journeys.size() - 1).clickTime();
  }

  /** The time of the last click, engagement or conversion in the data (0 without journeys). */
  public long lastObservedTime() {
    return journeys.stream().mapToLong(j -> Math.max(j.clickTime(), Math.max(j.converted() ? j.conversionTime() : 0,
        j.engagementTimes().length == 0 ? 0 : j.engagementTimes()[j.engagementTimes().length - 1]))).max().orElse(0);
  }

  public long conversions() {
    return journeys.stream().filter(Journey::converted).count();
  }
}
