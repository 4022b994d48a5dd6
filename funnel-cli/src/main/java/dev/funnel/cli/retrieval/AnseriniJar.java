package dev.funnel.cli.retrieval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Anserini fat jar ({@value BenchAnseriniCommand#ANSERINI}) in the local Maven repository,
 * fetched from Maven Central with the project's Maven wrapper ({@code ./mvnw dependency:get}) when
 * it is not there. It is used by the benchmark only and never put on Funnel's class path.
 */
final class AnseriniJar {
  private AnseriniJar() {}

  static Path local() {
    String repo = System.getProperty("maven.repo.local");
    Path root = repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    return root.resolve(Path.of("io", "anserini", "anserini", "1.5.0", "anserini-1.5.0-fatjar.jar"));
  }

  /** The jar, fetched first when missing (needs {@code ./mvnw} in the working directory and Maven Central). */
  static Path resolve() throws IOException, InterruptedException {
    Path jar = local();
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Path mvnw = Path.of("mvnw").toAbsolutePath();
    if (!Files.isExecutable(mvnw)) {
      throw new IllegalStateException("the Anserini fat jar is not at " + jar + " and there is no ./mvnw here to fetch it;"
          + " run: mvn dependency:get -Dartifact=" + BenchAnseriniCommand.ANSERINI + " -Dtransitive=false, or pass --anserini-jar");
    }
    System.err.println("bench anserini: fetching " + BenchAnseriniCommand.ANSERINI + " from Maven Central into " + jar.getParent());
    Process p = new ProcessBuilder(List.of(mvnw.toString(), "-B", "-ntp", "-q", "dependency:get",
        "-Dartifact=" + BenchAnseriniCommand.ANSERINI, "-Dtransitive=false"))
        .redirectErrorStream(true)
        .start();
    // Maven's messages go to standard error: standard output carries the benchmark's JSON.
    p.getInputStream().transferTo(System.err);
    int rc = p.waitFor();
    if (rc != 0 || !Files.isRegularFile(jar)) {
      throw new IllegalStateException("fetching " + BenchAnseriniCommand.ANSERINI + " failed (exit " + rc + "); expected " + jar);
    }
    return jar;
  }
}
