package dev.funnel.assembly;

import dev.funnel.core.InvalidInputException;
import dev.funnel.graph.GraphModel;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.serving.ConversionGate;
import dev.funnel.uncertainty.ScoredModel;
import java.io.IOException;

/**
 * What a serving process and a replica open first, in this order, each recorded as opened: the
 * metrics registry of the process's features (the process owns it), the decision model behind
 * the conversion gate, the graph model and the catalog index. The largest candidate total a
 * decision may take is checked against the request limit before any file is read.
 *
 * @param gate the conversion gate, or null without a decision model
 * @param graph the related-items model, or null without one (its {@code RelatedItems} are opened
 *     once the model is checked against the catalog)
 * @param index the catalog index
 */
record ServingFiles(ConversionGate gate, GraphModel graph, CatalogIndex index) {

  static ServingFiles open(ServingConfig config, OpenedResources opened) throws IOException {
    if (config.features().metrics() != null) {
      opened.push(config.features().metrics());
    }
    int maxTotal = config.loop().options().maxTotal();
    if (maxTotal > config.limits().maxRequestCandidates()) {
      throw new InvalidInputException("--max-candidates", maxTotal,
          "expected at most --max-request-candidates (" + config.limits().maxRequestCandidates() + ")");
    }
    ConversionGate gate = config.decisionModel() == null ? null
        : opened.push(new ConversionGate(ScoredModel.read(config.decisionModel()), config.decisionModel().toString()));
    GraphModel graph = config.graphModel() == null ? null : GraphModel.load(config.graphModel());
    CatalogIndex index = opened.push(CatalogIndex.open(config.index(), config.search(), config.queryEmbedder()));
    return new ServingFiles(gate, graph, index);
  }
}
