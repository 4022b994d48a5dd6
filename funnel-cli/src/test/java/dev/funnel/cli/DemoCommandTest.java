package dev.funnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's main command end to end (index, serve, answer a search) in smoke mode. */
class DemoCommandTest {
  @TempDir Path dir;

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = FunnelCli.commandLine().execute(args);
      assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void demoOnTheSyntheticCatalogAnswersTheExampleSearch() {
    String out = run("demo", "--smoke", "--synthetic", "--items", "300", "--no-vectors", "--workdir", dir.resolve("s").toString());
    assertTrue(out.contains("seeded synthetic shop catalog (300 items, seed 42)"), out);
    assertTrue(out.contains("Example search answered HTTP 200"), out);
    assertTrue(out.contains("\"provenance\""), out);
    Path config = dir.resolve("s").resolve("funnel.yaml");
    assertTrue(java.nio.file.Files.exists(config), "the demo writes the config it used: " + out);
    String check = run("config", "check", config.toString());
    assertTrue(check.contains("\"valid\" : true"), check);
    assertTrue(check.contains("\"catalog.index\""), check);
    assertTrue(check.contains("\"warnings\" : [ ]"), "every file it names exists: " + check);
  }

  @Test
  void demoOnTheRealCatalogWhenPresent() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.funnel.core.util.SharedData.resolve("catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz").isPresent(), "shared data absent");
    String out = run("demo", "--smoke", "--no-vectors", "--workdir", dir.resolve("a").toString());
    assertTrue(out.contains("Indexing the real Amazon Gift Cards catalog"), out);
    assertTrue(out.contains("Example search answered HTTP 200"), out);
    assertTrue(out.contains("Example related items answered HTTP 200"), out);
    assertTrue(out.contains("\"strategy\" : \"graph\""), out);
  }
}
