package dev.funnel.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.serve.ServeCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every flag of serve has one config key, every key one flag, and docs/configuration.md lists them all. */
class ConfigKeysTest {
  private static final CommandSpec SERVE = new CommandLine(new ServeCommand()).getCommandSpec();

  @Test
  void everyServeFlagHasExactlyOneKey() {
    List<OptionSpec> options = SERVE.options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.longestName().equals("--config")).toList();
    assertTrue(options.size() >= 40, "serve has its options: " + options.size());
    for (OptionSpec o : options) {
      long keys = ConfigKeys.KEYS.stream().filter(k -> List.of(o.names()).contains(k.flag())).count();
      assertEquals(1, keys, o.longestName() + " needs exactly one key in ConfigKeys");
    }
    Set<String> paths = new HashSet<>();
    for (ConfigKeys.Key k : ConfigKeys.KEYS) {
      assertNotNull(SERVE.findOption(k.flag()), k.path() + " sets " + k.flag() + ", which serve must have");
      assertTrue(paths.add(k.path()), "one key " + k.path());
      assertTrue(ConfigKeys.SECTIONS.containsKey(k.section()), k.path() + " is in a documented section");
      assertTrue(k.name().matches("[a-z][a-z0-9_]*"), "snake_case key " + k.path());
    }
  }

  @Test
  void theConfigurationPageListsEveryKeyWithItsDefaultAndIsCurrent() throws Exception {
    String rendered = ConfigDocs.render(SERVE);
    for (ConfigKeys.Key k : ConfigKeys.KEYS) {
      String row = rendered.lines().filter(l -> l.startsWith("| `" + k.path() + "` |")).findFirst().orElse(null);
      assertNotNull(row, k.path() + " listed");
      assertTrue(row.split("\\|").length >= 6, row);
    }
    assertTrue(rendered.contains("| `loop.budgets` | `--budgets` | list of integers | `[10, 30, 100]` |"), rendered);
    assertTrue(rendered.contains("| `server.host` | `--host` | string | `127.0.0.1` |"), rendered);
    Path page = locateDocs();
    assertEquals(rendered, Files.readString(page), "docs/configuration.md is stale: regenerate with ./funnel config docs > docs/configuration.md");
  }

  /** docs/configuration.md of this checkout (tests run in the module directory). */
  static Path locateDocs() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("docs/configuration.md")) && Files.exists(p.resolve("funnel"))) {
        return p.resolve("docs/configuration.md");
      }
    }
    throw new AssertionError("docs/configuration.md not found above " + here);
  }
}
