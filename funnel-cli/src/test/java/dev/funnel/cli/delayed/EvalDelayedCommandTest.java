package dev.funnel.cli.delayed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDelayedCommandTest {
  @Test
  void regressionCheckFlagsDifferences(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("expected.json");
    Files.writeString(f, "{\"methods\":{\"vanilla\":{\"auc\":0.7,\"pr_auc\":0.2,\"nll\":0.3,\"ri_auc\":null}}}");
    Map<String, Object> same = new HashMap<>(Map.of("auc", 0.7, "pr_auc", 0.2, "nll", 0.3));
    same.put("ri_auc", null);
    assertEquals(0, EvalDelayedCommand.compare(f, Map.of("vanilla", same)));
    Map<String, Object> other = new HashMap<>(same);
    other.put("auc", 0.71);
    assertEquals(1, EvalDelayedCommand.compare(f, Map.of("vanilla", other)));
  }

  @Test
  void badOptionsNameTheOption() {
    StringWriter err = new StringWriter();
    var cl = FunnelCli.commandLine();
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("eval", "delayed", "--format", "criteo"));
    assertTrue(err.toString().contains("--format"), err.toString());
    assertEquals(2, cl.execute("eval", "delayed", "--format", "talkingdata"));
    assertTrue(err.toString().contains("--data"), err.toString());
    assertEquals(2, cl.execute("eval", "delayed", "--format", "synthetic", "--window", "soon"));
    assertTrue(err.toString().contains("--window"), err.toString());
  }
}
