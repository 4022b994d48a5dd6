package dev.funnel.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.funnel.core.Item;
import dev.funnel.core.Provenance;
import dev.funnel.query.Interpretation;
import dev.funnel.rank.Explanation;
import dev.funnel.rank.RankingService;
import dev.funnel.serving.chain.Exchange;
import dev.funnel.serving.chain.Trace;
import dev.funnel.uncertainty.ItemGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to {@code POST /search}, serialised by Jackson as it is: {@code request_id} (send
 * it back with events), the query and page, the interpretation, the decision with its
 * propensity, how many candidates were retrieved and ranked, the ranker that scored the items,
 * the gate's summary (with a decision), the items (with the strategies that found them and the
 * features that moved them), facet counts (with {@code facets}), whether the deadline cut the
 * request short, the server-side time, and the stages with their times (with {@code "trace":
 * true}). Absent parts are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResponse(
    @JsonProperty("request_id") String requestId,
    String query,
    int k,
    int offset,
    InterpretationView interpretation,
    DecisionView decision,
    @JsonProperty("candidates_retrieved") int candidatesRetrieved,
    @JsonProperty("candidates_ranked") int candidatesRanked,
    String ranker,
    Map<String, Object> gate,
    List<ItemView> items,
    Map<String, Map<String, Long>> facets,
    boolean partial,
    @JsonProperty("took_ms") double tookMs,
    List<Trace.Step> trace) {

  /** What query understanding read. */
  public record InterpretationView(String type, String residual, Map<String, String> filters, List<SpanView> spans) {
    static InterpretationView of(Interpretation in) {
      List<SpanView> spans = new ArrayList<>(in.spans().size());
      for (Interpretation.Span s : in.spans()) {
        spans.add(new SpanView(s.text(), s.field(), s.value(), s.confidence(), s.source().name().toLowerCase(Locale.ROOT), s.filter()));
      }
      return new InterpretationView(in.type().name().toLowerCase(Locale.ROOT), in.residual(), in.filters(), spans);
    }
  }

  public record SpanView(String text, String field, String value, double confidence, String source, boolean filter) {}

  /** Who chose the strategies, which action with which budgets, and with what probability. */
  public record DecisionView(String policy, String action, Map<String, Integer> budgets, double propensity) {}

  /** One served item. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ItemView(
      String id,
      double score,
      int rank,
      Fields fields,
      @JsonProperty("found_by") List<String> foundBy,
      List<ProvenanceView> provenance,
      List<WhyView> why,
      ConversionView conversion) {}

  /** The item's catalog fields. */
  public record Fields(Map<String, String> text, Map<String, List<String>> keywords, Map<String, Double> numbers) {}

  public record ProvenanceView(String strategy, @JsonProperty("raw_score") double rawScore, int rank) {}

  public record WhyView(String feature, double value, double contribution) {}

  /** The gate's verdict on a served item: predicted conversion, its uncertainty and the threshold it passed. */
  public record ConversionView(double score, double uncertainty, double threshold) {
    static ConversionView of(ItemGate.Verdict v) {
      return v == null ? null : new ConversionView(v.score(), v.uncertainty(), v.threshold());
    }
  }

  /** The response of an exchange that went through the whole chain. */
  public static SearchResponse of(Exchange x, ItemGate gate, long startedNanos) {
    ServedRequest r = x.record();
    SearchRequest req = x.request();
    StrategyDecision d = r.decision();
    List<ItemView> items = new ArrayList<>(r.items().size());
    for (int i = 0; i < r.items().size(); i++) {
      RankingService.Ranked ranked = r.items().get(i);
      Item item = x.items().get(ranked.candidate().itemId());
      List<ProvenanceView> prov = new ArrayList<>();
      for (Provenance p : ranked.candidate().provenance()) {
        prov.add(new ProvenanceView(p.strategy(), p.rawScore(), p.rank()));
      }
      List<WhyView> why = new ArrayList<>();
      for (Explanation.Contribution c : ranked.why()) {
        why.add(new WhyView(c.feature(), c.value(), c.contribution()));
      }
      items.add(new ItemView(ranked.candidate().itemId(), ranked.score(), req.offset() + i + 1,
          new Fields(item.text(), item.keywords(), item.numbers()),
          ranked.candidate().provenance().stream().map(Provenance::strategy).toList(), prov, why,
          ConversionView.of(x.verdicts().get(ranked.candidate().itemId()))));
    }
    Map<String, Object> gateSummary = req.decision() == null ? null
        : gate.summary(req.decision().minPrecision(), x.ranked().size(), r.items().size());
    double took = (System.nanoTime() - startedNanos) / 1e6;
    return new SearchResponse(r.requestId(), req.query(), req.k(), req.offset(), InterpretationView.of(r.interpretation()),
        new DecisionView(d.policy(), d.action().id(), d.action().budgets(), d.propensity()), r.candidatesRetrieved(), r.uniqueCandidates(),
        r.ranker(), gateSummary, items, req.facets().isEmpty() ? null : x.facets(), r.partial(), took, req.trace() ? x.trace().steps() : null);
  }
}
