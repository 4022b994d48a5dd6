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

  /**
   * A LETOR file (qid inline, NULL values, # document ids) derived from the example at run time:
   * the first 60 training and 20 test queries, 5% of the values replaced by NULL (seeded).
   */
  @Test
  void letorWithInlineQidsAndNulls(@TempDir Path tmp) throws Exception {
    Path dir = SharedData.resolve("ltr/lightgbm_example").orElse(null);
    Assumptions.assumeTrue(dir != null, "shared data folder absent");
    Path train = letor(dir.resolve("rank.train"), 60, tmp.resolve("train.letor"));
    Path test = letor(dir.resolve("rank.test"), 20, tmp.resolve("test.letor"));
    Path out = tmp.resolve("ltr.json");
    assertEquals(0, FunnelCli.commandLine().execute("eval", "ltr", "--train", train.toString(), "--test", test.toString(),
        "--rounds", "10", "--seed", "1", "--json", out.toString()));
    JsonNode res = new ObjectMapper().readTree(out.toFile());
    assertEquals("qid", res.get("data").get("groups_from").asText());
    assertEquals(20, res.get("data").get("test_queries").asInt());
    assertTrue(res.get("data").get("missing_values_train").asLong() > 0);
    JsonNode r = res.get("rankers");
    double own = r.get("lightgbm_own_run").get("ndcg_exp@10").asDouble();
    assertEquals(r.get("lightgbm_own_run").get("lightgbm_reported_on_test").get("ndcg@10").asDouble(), own, 1e-9);
    double funnel = r.get("funnel_lambdamart").get("ndcg_exp@10").asDouble();
    assertTrue(funnel > r.get("random").get("ndcg_exp@10").asDouble(), r.toString());
  }

  private static Path letor(Path svm, int queries, Path out) throws java.io.IOException {
    java.util.List<String> sizes = java.nio.file.Files.readAllLines(svm.resolveSibling(svm.getFileName() + ".query"));
    java.util.List<String> lines = java.nio.file.Files.readAllLines(svm);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    StringBuilder b = new StringBuilder();
    int row = 0;
    for (int q = 0; q < queries; q++) {
      int n = Integer.parseInt(sizes.get(q).strip());
      for (int j = 0; j < n; j++, row++) {
        String[] tok = lines.get(row).strip().split("\\s+");
        b.append(tok[0]).append(" qid:").append(q + 1);
        for (int t = 1; t < tok.length; t++) {
          b.append(' ').append(rnd.nextDouble() < 0.05 ? tok[t].substring(0, tok[t].indexOf(':')) + ":NULL" : tok[t]);
        }
        b.append(" # doc-").append(q + 1).append('-').append(j).append('\n');
      }
    }
    java.nio.file.Files.writeString(out, b);
    return out;
  }
}
