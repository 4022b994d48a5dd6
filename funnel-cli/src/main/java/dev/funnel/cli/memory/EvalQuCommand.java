package dev.funnel.cli.memory;

import dev.funnel.cli.JsonOutput;
import dev.funnel.core.Item;
import dev.funnel.retrieval.CatalogReaders;
import dev.funnel.query.Interpretation;
import dev.funnel.query.QuConfig;
import dev.funnel.query.QueryUnderstanding;
import dev.funnel.query.RequestLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code funnel eval qu}: how well catalog-learned query understanding recognises brands. For
 * every brand of the catalog, the queries "BRAND" and "BRAND gift card" (lower case) are
 * interpreted; it reports the share whose reading holds that brand as a filter, and as a filter
 * or boost, the query types, and the interpretations of the example queries.
 */
@Command(name = "qu", mixinStandardHelpOptions = true,
    description = "Evaluate query understanding on a catalog: brand recognition rates and example interpretations.")
public final class EvalQuCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin JsonOutput.Strict strict = new JsonOutput.Strict();

  @Option(names = "--catalog", description = "Amazon metadata file (gzipped JSON lines), read as `funnel index --format amazon` reads it. Default: ${DEFAULT-VALUE}.",
      defaultValue = "../shared/data/catalogs/amazon_gift_cards/meta_Gift_Cards.json.gz")
  Path catalog;

  @Option(names = "--query", description = "Example query to interpret (repeatable).")
  List<String> queries = new ArrayList<>(List.of(
      "starbucks gift card", "gift card accessories", "home depot", "itunes 25", "amazon gift cards pack of 50", "gift card"));

  @Option(names = "--json", description = "Also write the result to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("catalog", catalog.toString());
    config.put("qu_config", QuConfig.DEFAULT.toString());
    JsonOutput.header("eval qu", config);
    List<Item> items = CatalogReaders.readAmazon(catalog);
    QueryUnderstanding qu = new QueryUnderstanding(items, QuConfig.DEFAULT, RequestLog.NONE);
    TreeSet<String> brands = new TreeSet<>();
    items.forEach(i -> brands.addAll(i.keywords().getOrDefault("brand", List.of())));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", items.size());
    result.put("brands", brands.size());
    for (String suffix : List.of("", " gift card")) {
      int filter = 0;
      int any = 0;
      Map<String, Integer> types = new TreeMap<>();
      for (String b : brands) {
        Interpretation in = qu.interpret(b.toLowerCase(Locale.ROOT) + suffix);
        boolean f = b.equals(in.filters().get("brand"));
        boolean a = f || in.boosts().stream().anyMatch(x -> x.field().equals("brand") && x.value().equals(b));
        filter += f ? 1 : 0;
        any += a ? 1 : 0;
        types.merge(in.type().name(), 1, Integer::sum);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("brand_filter_rate", Math.round(1000.0 * filter / brands.size()) / 1000.0);
      m.put("brand_filter_or_boost_rate", Math.round(1000.0 * any / brands.size()) / 1000.0);
      m.put("types", types);
      result.put(suffix.isEmpty() ? "query=brand" : "query=brand+gift card", m);
    }
    Map<String, Object> examples = new LinkedHashMap<>();
    for (String q : queries) {
      Interpretation in = qu.interpret(q);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", in.type().name());
      m.put("filters", in.filters());
      List<String> boosts = new ArrayList<>();
      in.boosts().forEach(b -> boosts.add(b.field() + "=" + b.value() + " (" + Math.round(b.weight() * 1000) / 1000.0 + ")"));
      m.put("boosts", boosts);
      List<String> spans = new ArrayList<>();
      in.spans().forEach(s -> spans.add("'" + s.text() + "' -> " + s.field() + "=" + s.value() + " ("
          + Math.round(s.confidence() * 1000) / 1000.0 + ", " + s.source().name().toLowerCase(Locale.ROOT) + ")"));
      m.put("spans", spans);
      m.put("residual", in.residual());
      examples.put(q, m);
    }
    result.put("examples", examples);
    return strict.exitCode(JsonOutput.emit(result, json, System.out));
  }
}
