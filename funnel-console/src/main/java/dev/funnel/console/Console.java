package dev.funnel.console;

import dev.funnel.core.EventLog;
import dev.funnel.events.EventsApi;
import dev.funnel.graph.GraphDegrees;
import dev.funnel.graph.RelatedItems;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.models.RankerVersions;
import dev.funnel.server.ApiModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console of one serving process: the page ({@link ConsoleApi}), the loop's timeline
 * ({@link TimelineSampler} fed by the funnel's served requests and the stored events, served by
 * {@link TimelineApi}), off-policy estimates on the decision log ({@link OffPolicyApi}) and, with
 * a graph model, node degrees ({@link GraphNodeApi}). Closing it stops the sampler.
 */
public final class Console implements AutoCloseable {
  private final TimelineSampler sampler;
  private final List<ApiModule> modules = new ArrayList<>();

  private Console(TimelineSampler sampler) {
    this.sampler = sampler;
  }

  /**
   * Wires the console into a process: call it after the warm-up (so warm-up searches are not
   * sampled) and add {@link #modules()} to the server.
   *
   * @param loop the serving loop
   * @param events the durable event log (its size is sampled)
   * @param eventsApi the events route, whose stored batches feed the timeline
   * @param rankers the ranker versions (the live version is sampled)
   * @param state the loop's state folder (saved bandit states, the decision log)
   * @param related the related-items model, or null
   * @param graphModel its file (for its degrees file), or null
   */
  public static Console create(FunnelLoop loop, EventLog events, EventsApi eventsApi, RankerVersions rankers, Path state,
      RelatedItems related, Path graphModel) throws IOException {
    var bandit = loop.funnel().bandit();
    TimelineSampler sampler = TimelineSampler.hourly(() -> {
      Map<String, Double> share = new LinkedHashMap<>();
      double[] means = bandit.stats().means();
      List<String> names = bandit.stats().strategies();
      for (int i = 0; i < names.size(); i++) {
        share.put(names.get(i), means[i]);
      }
      return new TimelinePoint.Gauges(loop.memory().feedbackKeys(), rankers.live(), loop.feedback().retrainings(), events.size(), share);
    });
    Console c = new Console(sampler);
    loop.funnel().onServed(r -> sampler.searched(r.decision().learned() ? r.decision().action().id() : null, r.candidatesRetrieved()));
    eventsApi.onEvents(sampler::stored);
    c.modules.add(new ConsoleApi());
    c.modules.add(new TimelineApi(sampler));
    c.modules.add(new OffPolicyApi(state, state.resolve(FunnelLoop.DECISION_LOG), bandit));
    if (related != null) {
      c.modules.add(new GraphNodeApi(related, graphModel == null ? null : GraphDegrees.readFor(graphModel).orElse(null)));
    }
    sampler.start();
    return c;
  }

  public List<ApiModule> modules() {
    return List.copyOf(modules);
  }

  public TimelineSampler sampler() {
    return sampler;
  }

  @Override
  public void close() {
    sampler.close();
  }
}
