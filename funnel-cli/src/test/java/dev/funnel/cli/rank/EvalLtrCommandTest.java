package dev.funnel.cli.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.cli.FunnelCli;
import dev.funnel.core.util.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval ltr on LightGBM's lambdarank example: Funnel's LambdaMART beside LightGBM's own run and the baselines. */
class EvalLtrCommandTest {
  @Test
  void lambdaMartOnTheLightGbmExample(@TempDir Path tmp) throws Exception {
    Path dir = SharedData.resolve("ltr/lightgbm_example").orElse(null);
    Assumptions.assumeTrue(dir != null, "shared data folder absent");
    Path out = tmp.resolve("ltr.json");
    assertEquals(0, FunnelCli.commandLine().execute("eval", "ltr", "--train", dir.resolve("rank.train").toString(), "--test",
        dir.resolve("rank.test").toString(), "--seed", "1", "--json", out.toString()));
    JsonNode r = new ObjectMapper().readTree(out.toFile()).get("rankers");
    double funnel = r.get("funnel_lambdamart").get("ndcg_exp@10").asDouble();
    double own = r.get("lightgbm_own_run").get("ndcg_exp@10").asDouble();
    // the library's own run, as LightGBM reports it on the test set
    assertEquals(r.get("lightgbm_own_run").get("lightgbm_reported_on_test").get("ndcg@10").asDouble(), own, 1e-9);
    assertTrue(Math.abs(funnel - own) < 0.05, "Funnel's LambdaMART " + funnel + " vs LightGBM's own run " + own);
    assertTrue(funnel > r.get("best_single_feature").get("ndcg_exp@10").asDouble() && funnel > r.get("random").get("ndcg_exp@10").asDouble(), r.toString());
  }
}
