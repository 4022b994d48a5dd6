package dev.funnel.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of Funnel is: the project version and the git commit it was built from, both
 * written into {@code funnel-build.properties} by Maven resource filtering at build time (the
 * commit by the git-commit-id plugin). A build made outside a git checkout reports the commit as
 * {@value #UNKNOWN};
 *
 * @param funnelVersion the Maven project version, for example {@code 0.1.0-SNAPSHOT}
 * @param gitCommit the full commit id, or {@value #UNKNOWN}
 */
public record BuildInfo(String funnelVersion, String gitCommit) {
  /** The value of a build fact that the build could not capture. */
  public static final String UNKNOWN = "unknown";

  private static final String RESOURCE = "funnel-build.properties";
  private static final BuildInfo CURRENT = load();

  public BuildInfo {
    funnelVersion = known(funnelVersion);
    gitCommit = known(gitCommit);
  }

  /** The build this code belongs to. */
  public static BuildInfo current() {
    return CURRENT;
  }

  private static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return new BuildInfo(null, null);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the build resource " + RESOURCE, e);
    }
    String commit = p.getProperty("git.commit");
    return new BuildInfo(p.getProperty("funnel.version"), commit != null && commit.matches("[0-9a-f]{7,64}") ? commit : null);
  }

  /** A filtered value, or {@link #UNKNOWN} when it is missing or was left unfiltered. */
  private static String known(String v) {
    return v == null || v.isBlank() || v.contains("${") ? UNKNOWN : v.strip();
  }
}
