package dev.funnel.retrieval;

import dev.funnel.core.Checks;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.Item;

/**
 * One change of the catalog made without a reindex: an item put (added, or replacing the item
 * with its id) or an item deleted.
 *
 * @param id the item id
 * @param item the new item for a put (its id equals {@code id}); {@code null} for a delete
 */
public record ItemUpdate(String id, Item item) {
  public ItemUpdate {
    Checks.nonBlank("id", id);
    if (item != null && !item.id().equals(id)) {
      throw new InvalidInputException("item.id", item.id(), "expected the update's id " + id);
    }
  }

  public static ItemUpdate put(Item item) {
    if (item == null) {
      throw new InvalidInputException("item", null, "expected an item to put");
    }
    return new ItemUpdate(item.id(), item);
  }

  public static ItemUpdate delete(String id) {
    return new ItemUpdate(id, null);
  }

  public boolean isDelete() {
    return item == null;
  }
}
