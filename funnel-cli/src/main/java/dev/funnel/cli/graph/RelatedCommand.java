package dev.funnel.cli.graph;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Candidate;
import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedItems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funnel related}: the related items of one item from a trained graph model. */
@Command(name = "related", mixinStandardHelpOptions = true,
    description = "Related items of an item from a BLADE model (what to show after this item).")
public final class RelatedCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Model file from ./funnel train graph.")
  Path model;

  @Option(names = "--item", required = true, description = "Item id.")
  String item;

  @Option(names = "--k", defaultValue = "10", description = "Number of items (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--json", description = "Also write the result JSON to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", model.toString());
    config.put("item", item);
    config.put("k", k);
    JsonOutput.header("related", config);
    try (RelatedItems related = new RelatedItems(GraphModel.load(model))) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (Candidate c : related.related(item, k)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.itemId());
        m.put("score", c.score());
        m.put("rank", c.provenance().get(0).rank());
        items.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("item", item);
      out.put("items", items);
      JsonOutput.emit(out, json, System.out);
    }
    return 0;
  }
}
