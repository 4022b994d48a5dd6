package dev.funnel.core.io;

import dev.funnel.core.InvalidInputException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model or state file came from, enough to rebuild and compare it: the data it was made
 * from, the parameters, the libraries and their versions, the seed, and the build of Funnel that
 * wrote it (version and git commit, from {@link BuildInfo}). Every file written through {@link
 * ModelFile} carries one.
 *
 * @param data the data sources (file names, logs, splits, "synthetic seed=1 ..."), in order; may
 *     be empty for state that accumulates from served traffic
 * @param parameters the settings that shaped the file (name to value as text), sorted by name
 * @param libraries the libraries whose output the file holds (name to version), sorted by name
 * @param seed the seed of the random choices, or {@code null} when none were made
 * @param gitCommit the commit of the Funnel build that wrote the file, or {@value BuildInfo#UNKNOWN}
 * @param funnelVersion the version of the Funnel build that wrote the file
 */
public record FileProvenance(
    List<String> data, Map<String, String> parameters, Map<String, String> libraries, Long seed, String gitCommit, String funnelVersion) {
  public FileProvenance {
    data = List.copyOf(data);
    parameters = sorted("parameters", parameters);
    libraries = sorted("libraries", libraries);
    for (String d : data) {
      if (d.isBlank()) {
        throw new InvalidInputException("provenance.data", d, "expected non-blank data source names");
      }
    }
    if (gitCommit == null || gitCommit.isBlank()) {
      throw new InvalidInputException("provenance.git_commit", gitCommit, "expected a commit id or \"" + BuildInfo.UNKNOWN + "\"");
    }
    if (funnelVersion == null || funnelVersion.isBlank()) {
      throw new InvalidInputException("provenance.funnel_version", funnelVersion, "expected a version or \"" + BuildInfo.UNKNOWN + "\"");
    }
  }

  /** Provenance written by this build. */
  public static FileProvenance of(List<String> data, Map<String, String> parameters, Map<String, String> libraries, Long seed) {
    BuildInfo b = BuildInfo.current();
    return new FileProvenance(data, parameters, libraries, seed, b.gitCommit(), b.funnelVersion());
  }

  /** Provenance of state built from served traffic rather than from a data set. */
  public static FileProvenance ofState(String source, Map<String, String> parameters) {
    return of(List.of(source), parameters, Map.of(), null);
  }

  private static Map<String, String> sorted(String field, Map<String, String> m) {
    TreeMap<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> {
      if (k == null || k.isBlank() || v == null) {
        throw new InvalidInputException("provenance." + field, k + "=" + v, "expected non-blank names with values");
      }
      out.put(k, v);
    });
    return Collections.unmodifiableMap(out);
  }
}
