package dev.funnel.serving.chain;

import dev.funnel.core.InvalidInputException;
import dev.funnel.rank.RankingService;
import dev.funnel.serving.SearchRequest;
import dev.funnel.uncertainty.ItemGate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gate: chooses the page to serve from every candidate ranked. Without a {@code decision} it is
 * ranks offset + 1 .. offset + k. With one, the {@link ItemGate} walks the ranking and keeps the
 * items whose predicted conversion passes the threshold of their uncertainty level at the
 * position they would take (at most offset + k), and the page is the kept items after the
 * offset, each with its verdict. The page is then explained by the ranker that scored it (the
 * top {@code explainTop} feature contributions per item; none once the deadline has passed).
 */
public final class GateStage implements Stage {
  private final ItemGate gate;
  private final RankingService ranking;
  private final int explainTop;

  /** @param gate the deployed conversion decision, or null for none (a request asking for one is then a 400) */
  public GateStage(ItemGate gate, RankingService ranking, int explainTop) {
    this.gate = gate;
    this.ranking = ranking;
    this.explainTop = explainTop;
  }

  /** Fails naming {@code decision} (no gate) or {@code precision} (unreachable) before any work is done. */
  public void check(SearchRequest request) {
    if (request.decision() == null) {
      return;
    }
    if (gate == null) {
      throw new InvalidInputException("decision", "{\"min_precision\":" + request.decision().minPrecision() + "}",
          "no conversion decision model is deployed: start the server with --decision-model FILE");
    }
    gate.checkPrecision(request.decision().minPrecision());
  }

  @Override
  public String name() {
    return "gate";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    SearchRequest req = x.request();
    List<RankingService.Ranked> all = x.ranked();
    List<RankingService.Ranked> page;
    Map<String, ItemGate.Verdict> verdicts = new LinkedHashMap<>();
    if (req.decision() == null) {
      page = all.subList(Math.min(req.offset(), all.size()), Math.min(req.depth(), all.size()));
    } else {
      check(req);
      Map<String, RankingService.Ranked> byId = new HashMap<>();
      all.forEach(r -> byId.put(r.candidate().itemId(), r));
      var c = x.query().context();
      ItemGate.Viewer viewer = new ItemGate.Viewer(c.userId(), c.sessionId(), x.requestId(), x.query().text(), c.time());
      List<ItemGate.Verdict> kept = gate.keep(all.stream().map(r -> r.candidate().itemId()).toList(), viewer, req.decision().minPrecision(), req.depth());
      page = new ArrayList<>();
      for (int i = req.offset(); i < kept.size(); i++) {
        ItemGate.Verdict v = kept.get(i);
        verdicts.put(v.itemId(), v);
        page.add(byId.get(v.itemId()));
      }
    }
    boolean late = x.deadline().passed();
    if (late) {
      x.markPartial();
    }
    x.served(ranking.explain(x.ranker(), page, late ? 0 : explainTop), verdicts);
    next.proceed(x);
  }
}
