package dev.funnel.core.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared evaluation data folder ({@code ../shared/data} beside the project). Order:
 * the {@code funnel.shared.data} system property, the {@code FUNNEL_SHARED_DATA} environment
 * variable, then {@code ../shared/data} from the working directory and its parents.
 */
public final class SharedData {
  private SharedData() {}

  public static Optional<Path> root() {
    String prop = System.getProperty("funnel.shared.data");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Optional.of(Path.of(prop).toAbsolutePath().normalize());
    }
    String env = System.getenv("FUNNEL_SHARED_DATA");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Optional.of(Path.of(env).toAbsolutePath().normalize());
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/data").normalize();
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A path under the shared data folder, if the folder and the path exist. */
  public static Optional<Path> resolve(String relative) {
    return root().map(r -> r.resolve(relative)).filter(Files::exists);
  }
}
