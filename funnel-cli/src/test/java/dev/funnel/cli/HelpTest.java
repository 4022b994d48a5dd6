package dev.funnel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help} with usage text and no formatting warnings. */
class HelpTest {
  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(path);
    cl.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        List<String> p = new ArrayList<>(path);
        p.add(name);
        collect(sub, p, out);
      }
    });
  }

  @Test
  void everyCommandHasHelp() {
    List<List<String>> commands = new ArrayList<>();
    collect(FunnelCli.commandLine(), List.of(), commands);
    assertTrue(commands.size() > 25, "commands: " + commands.size());
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    for (List<String> c : commands) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code;
      try {
        List<String> args = new ArrayList<>(c);
        args.add("--help");
        code = FunnelCli.commandLine().execute(args.toArray(String[]::new));
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
      String text = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, code, "funnel " + String.join(" ", c) + " --help");
      assertTrue(text.startsWith("Usage: funnel"), text);
      assertFalse(err.toString(StandardCharsets.UTF_8).contains("WARN"), "funnel " + c + ": " + err);
    }
  }
}
