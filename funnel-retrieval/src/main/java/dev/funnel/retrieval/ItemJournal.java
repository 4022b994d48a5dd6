package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.ChecksummedLog;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead journal of item updates, one file {@value #FILE} in the index snapshot: each
 * accepted batch is one checksummed record ({@link ChecksummedLog}, the event log's framing),
 * forced to disk before the batch touches the Lucene index or is acknowledged. A record is {@code
 * {"updates": [{"op": "put", "id", "item": {...}}, {"op": "delete", "id"}]}}, the items as stored
 * (already parsed and cleaned), so replaying a record gives the same documents.
 */
public final class ItemJournal implements Closeable {
  public static final String FILE = "item-updates.log";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChecksummedLog log;

  private ItemJournal(ChecksummedLog log) {
    this.log = log;
  }

  /** Opens the journal of a snapshot folder, cutting off a torn tail. */
  public static ItemJournal open(Path snapshot) throws IOException {
    return new ItemJournal(ChecksummedLog.open(snapshot.resolve(FILE)));
  }

  /** Records (accepted batches) in the journal. */
  public long size() {
    return log.size();
  }

  /** Bytes of a torn tail cut off at open. */
  public long recoveredBytes() {
    return log.recoveredBytes();
  }

  /** Appends one batch durably; returns the number of records after it. */
  public long append(List<ItemUpdate> batch) throws IOException {
    ObjectNode record = JSON.createObjectNode();
    ArrayNode arr = record.putArray("updates");
    for (ItemUpdate u : batch) {
      ObjectNode n = arr.addObject();
      n.put("op", u.isDelete() ? "delete" : "put");
      n.put("id", u.id());
      if (!u.isDelete()) {
        n.set("item", JSON.readTree(ItemJson.write(u.item())));
      }
    }
    return log.append(JSON.writeValueAsBytes(record));
  }

  /** One journal record read back. */
  @FunctionalInterface
  public interface BatchSink {
    void accept(long record, List<ItemUpdate> batch) throws IOException;
  }

  /** Every batch from record {@code from} on, in order. */
  public void scan(long from, BatchSink sink) throws IOException {
    log.scan(from, (index, payload) -> sink.accept(index, decode(index, payload)));
  }

  private List<ItemUpdate> decode(long index, byte[] payload) throws IOException {
    JsonNode n = JSON.readTree(payload);
    List<ItemUpdate> out = new ArrayList<>();
    for (JsonNode u : n.path("updates")) {
      String op = u.path("op").asText();
      switch (op) {
        case "put" -> out.add(ItemUpdate.put(ItemJson.read(u.get("item").toString())));
        case "delete" -> out.add(ItemUpdate.delete(u.path("id").asText()));
        default -> throw new InvalidInputException(log.file() + ": record " + index, "op", op, "expected put or delete");
      }
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
