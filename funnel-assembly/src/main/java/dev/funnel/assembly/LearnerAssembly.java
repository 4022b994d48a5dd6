package dev.funnel.assembly;

import dev.funnel.graph.GraphModel;
import dev.funnel.graph.RelatedItems;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.replica.Learner;
import dev.funnel.learning.replica.ReplicaLog;
import dev.funnel.learning.replica.SnapshotStore;
import dev.funnel.retrieval.CatalogIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The learner of a replicated deployment ({@code funnel learn}), assembled: the replicas' index
 * and graph model, a loop over the learner's working folder (rebuilt from the last published
 * snapshot), the shared log and the {@link Learner} that applies the log and publishes snapshots.
 * When a step fails, everything opened before it is closed, in reverse order; closing it stops the
 * learner and closes the rest, newest first.
 */
public final class LearnerAssembly implements AutoCloseable {
  private final CatalogIndex index;
  private final FunnelLoop loop;
  private final ReplicaLog log;
  private final Learner learner;
  private final OpenedResources opened;

  private LearnerAssembly(CatalogIndex index, FunnelLoop loop, ReplicaLog log, Learner learner, OpenedResources opened) {
    this.index = index;
    this.loop = loop;
    this.log = log;
    this.learner = learner;
    this.opened = opened;
  }

  /**
   * Opens the learner over {@code indexDir} (and the BLADE model {@code graphModel}, or null),
   * working in {@code work} (null: a {@code learner} folder beside the snapshots), learning from
   * the shared log of {@code replica} (the file log in {@code eventsDir}, or Kafka).
   */
  public static LearnerAssembly open(Path indexDir, Path eventsDir, Path graphModel, Path work, LoopConfig settings, ReplicaConfig replica)
      throws IOException {
    SnapshotStore store = replica.store();
    Path folder = work != null ? work : store.dir().resolveSibling("learner");
    Map<String, Long> from = Learner.prepare(store, folder);
    OpenedResources opened = new OpenedResources();
    try {
      CatalogIndex index = opened.push(CatalogIndex.open(indexDir));
      RelatedItems related = graphModel == null ? null : opened.push(new RelatedItems(GraphModel.load(graphModel)));
      List<String> strategies = ServerAssembly.strategies(index, related != null);
      var items = index.items();
      FunnelLoop loop = opened.push(LoopAssembly.open(index, items, LoopAssembly.lookup(items), related, folder, settings.options(strategies)));
      ReplicaLog log = opened.push(replica.log().open(eventsDir));
      Learner learner = opened.push(new Learner(loop, log, store, from, settings.ranker()));
      return new LearnerAssembly(index, loop, log, learner, opened);
    } catch (IOException | RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  public CatalogIndex index() {
    return index;
  }

  public FunnelLoop loop() {
    return loop;
  }

  public ReplicaLog log() {
    return log;
  }

  public Learner learner() {
    return learner;
  }

  @Override
  public void close() throws IOException {
    opened.close();
  }
}
