package dev.funnel.graph;

import dev.funnel.core.Item;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Edges from Amazon product metadata (Amazon Review Data 2018, Ni, Li and McAuley), given as the
 * catalog's items as the one Amazon reader builds them ({@code CatalogReaders} in the retrieval
 * module, the same items {@code index} and {@code serve} hold): every item becomes a node, and an
 * edge {@code item -> b} is added for each {@code b} of its {@code also_buy} keyword values that
 * is itself an item of the catalog, so every node maps to a catalog item that can be served.
 */
public final class AmazonAlsoBuy {
  /** The keyword field holding the co-purchased products. */
  public static final String ALSO_BUY = "also_buy";

  private AmazonAlsoBuy() {}

  public static Graph fromItems(List<Item> items) {
    EdgeList edges = new EdgeList();
    Set<String> catalog = new HashSet<>();
    for (Item i : items) {
      edges.node(i.id());
      catalog.add(i.id());
    }
    for (Item i : items) {
      for (String b : i.keywords().getOrDefault(ALSO_BUY, List.of())) {
        if (catalog.contains(b)) {
          edges.add(i.id(), b, 1f);
        }
      }
    }
    return edges.toGraph();
  }
}
