package dev.funnel.serving.chain;

import dev.funnel.bandit.BanditService;
import dev.funnel.bandit.RewardAttribution;
import dev.funnel.bandit.ServedDecision;
import dev.funnel.serving.RequestLedger;
import dev.funnel.serving.ServedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Record: the served request (request id, query, interpretation, decision, the page with its
 * features as served, the ranker that scored it) goes into the {@link RequestLedger} with the
 * bandit's decision awaiting its reward, so feedback events join it, whatever path the request
 * took; decisions that the ledger's attribution window closes are rewarded 0; then the listeners
 * (for example the training log) see it.
 */
public final class RecordStage implements Stage {
  private final RequestLedger ledger;
  private final BanditService bandit;
  private final List<Consumer<ServedRequest>> listeners = new CopyOnWriteArrayList<>();

  public RecordStage(RequestLedger ledger, BanditService bandit) {
    this.ledger = ledger;
    this.bandit = bandit;
  }

  /** Adds a consumer called with every served request, in the request thread, after it is recorded. */
  public void onServed(Consumer<ServedRequest> listener) {
    listeners.add(listener);
  }

  @Override
  public String name() {
    return "record";
  }

  @Override
  public void apply(Exchange x, Chain next) {
    ServedRequest served = new ServedRequest(x.requestId(), x.query(), x.interpretation(), x.decision(), x.served(), x.retrieved(),
        x.union().size(), x.partial(), x.request().offset(), x.rankerName());
    x.record(served);
    for (ServedDecision due : ledger.record(served, x.pending())) {
      bandit.feedback(due, RewardAttribution.Result.none());
    }
    listeners.forEach(l -> l.accept(served));
    next.proceed(x);
  }
}
