package dev.funnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link FunnelCli#commandLine(String[])} builds only the commands its arguments name. */
class CommandPathTest {
  @Test
  void aLeafInAGroupBuildsOnlyItsPath() {
    CommandLine cl = FunnelCli.commandLine(new String[] {"bench", "embedding", "--docs", "3"});
    assertEquals(Set.of("bench"), cl.getSubcommands().keySet());
    assertEquals(Set.of("embedding"), cl.getSubcommands().get("bench").getSubcommands().keySet());
  }

  @Test
  void aTopLevelCommandBuildsOnlyItself() {
    CommandLine cl = FunnelCli.commandLine(new String[] {"index", "--input", "x"});
    assertEquals(Set.of("index"), cl.getSubcommands().keySet());
  }

  @Test
  void aGroupAloneGetsAllItsCommandsForItsUsage() {
    CommandLine cl = FunnelCli.commandLine(new String[] {"eval"});
    assertEquals(Set.of("eval"), cl.getSubcommands().keySet());
    assertEquals(FunnelCli.commandLine().getSubcommands().get("eval").getSubcommands().keySet(),
        cl.getSubcommands().get("eval").getSubcommands().keySet());
  }

  @Test
  void helpOptionsAndUnknownNamesGetTheWholeTree() {
    int all = FunnelCli.commandLine().getSubcommands().size();
    assertTrue(all > 10, "top-level commands: " + all);
    for (String[] args : List.of(new String[] {}, new String[] {"help", "index"}, new String[] {"--version"}, new String[] {"nosuch"})) {
      assertEquals(all, FunnelCli.commandLine(args).getSubcommands().size(), List.of(args).toString());
    }
    assertNull(FunnelCli.named(FunnelCli.COMMANDS, "nosuch"));
  }

  @Test
  void everyRegisteredCommandIsReachableByItsPath() {
    List<String[]> paths = new ArrayList<>();
    FunnelCli.commandLine().getSubcommands().forEach((name, sub) -> {
      if (sub.getSubcommands().isEmpty() || name.equals("config")) {
        paths.add(new String[] {name});
      } else {
        sub.getSubcommands().keySet().forEach(s -> paths.add(new String[] {name, s}));
      }
    });
    for (String[] p : paths) {
      CommandLine cl = FunnelCli.commandLine(p);
      CommandLine leaf = cl.getSubcommands().get(p[0]);
      if (p.length == 2) {
        leaf = leaf.getSubcommands().get(p[1]);
      }
      assertEquals(p[p.length - 1], leaf.getCommandName(), List.of(p).toString());
    }
  }

  @Test
  void aLeafBuiltAloneRunsAndReportsBadInputLikeTheWholeTree() {
    String[] args = {"bench", "embedding", "--docs", "0"};
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = FunnelCli.commandLine(args);
      cl.setErr(new java.io.PrintWriter(System.err, true));
      code = cl.execute(args);
    } finally {
      System.setErr(oldErr);
    }
    assertEquals(2, code);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("docs") && text.contains("0"), text);
  }
}
