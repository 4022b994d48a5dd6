package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The weighting schemes by name, with their default parameters. */
public final class Weightings {
  /** Every scheme, in reporting order. */
  public static final List<String> ALL = List.of("vanilla", "oracle", "waiting", "fnw", "fsiw", "esdfm", "engagement");

  private Weightings() {}

  /** Parameters shared by the schemes that need them (seconds). */
  public record Settings(long waitingWindow, long esdfmWindow) {}

  public static WeightingScheme create(String name, Settings s) {
    return switch (name) {
      case "vanilla" -> new VanillaWeighting();
      case "oracle" -> new OracleWeighting();
      case "waiting" -> new WaitingWindowWeighting(s.waitingWindow());
      case "fnw" -> new FnwWeighting();
      case "fsiw" -> new FsiwWeighting();
      case "esdfm" -> new EsDfmWeighting(s.esdfmWindow());
      case "engagement" -> new EngagementWeighting();
      default -> throw new InvalidInputException("method", name, "expected one of " + String.join(", ", ALL));
    };
  }

  /** Parses a comma-separated list; vanilla and oracle are always included (RI-AUC needs both). */
  public static Map<String, WeightingScheme> parseList(String list, Settings s) {
    List<String> names = new ArrayList<>(List.of("vanilla", "oracle"));
    for (String n : list.split(",")) {
      String t = n.trim();
      if (!t.isEmpty() && !names.contains(t)) {
        names.add(t);
      }
    }
    Map<String, WeightingScheme> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, create(n, s));
    }
    return out;
  }

  static boolean[] toArray(List<Boolean> xs) {
    boolean[] out = new boolean[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = xs.get(i);
    }
    return out;
  }
}
