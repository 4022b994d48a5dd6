package dev.funnel.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one envelope of every model and state file Funnel writes to read back:
 *
 * <pre>{"format_version": 2, "kind": "funnel-ranker",
 *  "provenance": {"data": [...], "parameters": {...}, "libraries": {...}, "seed": 1,
 *                 "git_commit": "...", "funnel_version": "0.1.0-SNAPSHOT"},
 *  "payload": {...}}</pre>
 *
 * A JSON file holds its payload under {@code payload}. A binary file starts with the same
 * envelope on one line without {@code payload} (ended by {@code \n}), followed by its binary body.
 * Reading names the expected {@link Kind}: a file of another kind, a version outside the kind's
 * readable range, or a file that is no Funnel model file at all is refused with an {@link
 * InvalidInputException} naming the file, what it holds and what was expected. Writing is atomic
 * ({@link AtomicFiles}).
 */
public final class ModelFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** The longest binary header line read before a file is refused as not a Funnel file. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  private ModelFile() {}

  /**
   * A kind of file and the format versions this build reads.
   *
   * @param name the kind, e.g. {@code funnel-ranker}
   * @param version the version this build writes
   * @param oldestReadable the oldest version this build still reads (equal to {@code version}
   *     when only the current one is read)
   */
  public record Kind(String name, int version, int oldestReadable) {
    public Kind {
      if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
        throw new InvalidInputException("kind", name, "expected a lower-case name like funnel-ranker");
      }
      if (version < 1 || oldestReadable < 1 || oldestReadable > version) {
        throw new InvalidInputException("format_version", oldestReadable + ".." + version, "expected 1 <= oldest readable <= version");
      }
    }

    /** A kind of which only {@code version} is read. */
    public static Kind of(String name, int version) {
      return new Kind(name, version, version);
    }

    boolean reads(int v) {
      return v >= oldestReadable && v <= version;
    }

    String expected() {
      return "kind \"" + name + "\" with format_version " + (oldestReadable == version ? version : oldestReadable + " to " + version);
    }
  }

  /** What the envelope says: kind, format version and provenance. */
  public record Header(String kind, int formatVersion, FileProvenance provenance) {}

  /** A JSON model file: its header and its payload. */
  public record Document(Header header, JsonNode payload) {}

  /** Writes a binary body. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a binary body, knowing the header (its version in particular). */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(Header header, DataInputStream in) throws IOException;
  }

  /** The whole document of a file of {@code kind} (current version) with this payload. */
  public static ObjectNode document(Kind kind, FileProvenance provenance, JsonNode payload) {
    ObjectNode o = header(kind, provenance);
    o.set("payload", payload);
    return o;
  }

  /** The JSON text of a file of {@code kind} (current version) with this payload. */
  public static String toJson(Kind kind, FileProvenance provenance, JsonNode payload) {
    try {
      return PRETTY.writeValueAsString(document(kind, provenance, payload));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeJson(Path file, Kind kind, FileProvenance provenance, JsonNode payload) throws IOException {
    AtomicFiles.writeString(file, toJson(kind, provenance, payload) + "\n");
  }

  public static Document readJson(Path file, Kind kind) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "file", file, "expected an existing " + kind.name() + " file");
    }
    return parseJson(Files.readString(file), file.toString(), kind);
  }

  /** Parses the text of a JSON model file; {@code where} names it in errors. */
  public static Document parseJson(String text, String where, Kind kind) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where, "file", abbreviate(text), "expected a Funnel " + kind.name() + " file (JSON: "
          + e.getOriginalMessage() + ")");
    }
    return fromJson(o, where, kind);
  }

  /** Checks a parsed document against {@code kind}; {@code where} names it in errors. */
  public static Document fromJson(JsonNode o, String where, Kind kind) {
    Header h = header(o, where, kind);
    JsonNode payload = o.get("payload");
    if (payload == null || !payload.isObject()) {
      throw new InvalidInputException(where, "payload", payload, "expected the " + kind.name() + " payload object");
    }
    return new Document(h, payload);
  }

  /** Writes the envelope as the first line, then the binary body. */
  public static void writeBinary(Path file, Kind kind, FileProvenance provenance, BodyWriter body) throws IOException {
    byte[] head = headerLine(kind, provenance);
    AtomicFiles.write(file, out -> {
      out.write(head);
      DataOutputStream data = new DataOutputStream(out);
      body.write(data);
      data.flush();
    });
  }

  /** The first line of a binary file of {@code kind}: the envelope and {@code \n}. */
  public static byte[] headerLine(Kind kind, FileProvenance provenance) {
    try {
      return (JSON.writeValueAsString(header(kind, provenance)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a binary model file's header, checks it against {@code kind}, then its body. */
  public static <T> T readBinary(Path file, Kind kind, BodyReader<T> body) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file.toString(), "file", file, "expected an existing " + kind.name() + " file");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Header h = readHeaderLine(raw, file.toString(), kind);
      return body.read(h, new DataInputStream(raw));
    }
  }

  /** The header of a binary model file, for readers that hold the stream themselves. */
  public static Header readHeaderLine(InputStream in, String where, Kind kind) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0 || line.size() >= MAX_HEADER_BYTES || (line.size() == 0 && b != '{')) {
        throw new InvalidInputException(where, "file", b < 0 && line.size() == 0 ? "an empty file" : "no Funnel header",
            "expected a Funnel " + kind.name() + " file starting with its JSON header line");
      }
      line.write(b);
    }
    JsonNode o;
    try {
      o = JSON.readTree(line.toString(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where, "file", abbreviate(line.toString(StandardCharsets.UTF_8)),
          "expected a Funnel " + kind.name() + " file starting with its JSON header line");
    }
    return header(o, where, kind);
  }

  private static ObjectNode header(Kind kind, FileProvenance p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format_version", kind.version());
    o.put("kind", kind.name());
    o.set("provenance", toJson(p));
    return o;
  }

  /** Provenance as it stands in a file, for command output. */
  public static ObjectNode toJson(FileProvenance p) {
    ObjectNode pn = JSON.createObjectNode();
    p.data().forEach(pn.putArray("data")::add);
    ObjectNode params = pn.putObject("parameters");
    p.parameters().forEach(params::put);
    ObjectNode libs = pn.putObject("libraries");
    p.libraries().forEach(libs::put);
    if (p.seed() == null) {
      pn.putNull("seed");
    } else {
      pn.put("seed", p.seed());
    }
    pn.put("git_commit", p.gitCommit());
    pn.put("funnel_version", p.funnelVersion());
    return pn;
  }

  /** A value as compact JSON text, for provenance parameters that are structured. */
  public static String jsonText(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Header header(JsonNode o, String where, Kind kind) {
    if (o == null || !o.isObject()) {
      throw new InvalidInputException(where, "file", o, "expected a Funnel " + kind.name() + " file (a JSON object)");
    }
    JsonNode k = o.get("kind");
    JsonNode v = o.get("format_version");
    String found = "kind " + (k == null ? "none" : k.toString()) + " with format_version " + (v == null ? "none" : v.toString());
    if (k == null || !k.isTextual() || !k.asText().equals(kind.name())) {
      throw new InvalidInputException(where, "kind", found, "expected " + kind.expected());
    }
    if (v == null || !v.isInt() || !kind.reads(v.asInt())) {
      throw new InvalidInputException(where, "format_version", found, "expected " + kind.expected()
          + " (this build reads no other; rebuild or retrain the file with this release)");
    }
    return new Header(kind.name(), v.asInt(), provenance(o.get("provenance"), where));
  }

  private static FileProvenance provenance(JsonNode p, String where) {
    if (p == null || !p.isObject()) {
      throw new InvalidInputException(where, "provenance", p, "expected a provenance object");
    }
    List<String> data = new ArrayList<>();
    p.path("data").forEach(d -> data.add(d.asText()));
    try {
      return new FileProvenance(data, strings(p.path("parameters")), strings(p.path("libraries")),
          p.path("seed").isIntegralNumber() ? p.path("seed").asLong() : null, p.path("git_commit").asText(null),
          p.path("funnel_version").asText(null));
    } catch (InvalidInputException e) {
      throw e.at(where);
    }
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
