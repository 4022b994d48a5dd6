package dev.funnel.learning.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.AtomicFiles;
import dev.funnel.rank.LambdaMartRanker;
import dev.funnel.rank.Ranker;
import dev.funnel.rank.RankerFile;
import dev.funnel.rank.RankingService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ranker versions of one serving process (see the package documentation). Versions are kept
 * in a folder ({@code state/models}: {@code ranker-vN.json} model files and {@value #INDEX}, the
 * list with origins and provenance, written atomically), or in memory when there is no folder.
 * At most {@value #MAX_VERSIONS} versions are kept; beyond that the oldest one that does not
 * serve is forgotten and its file deleted. Which version serves is read from the {@link
 * RankingService} itself (the installed model instance), so it is exact even while a retraining
 * installs a model. Thread-safe.
 */
public final class RankerVersions {
  public static final String INDEX = "versions.json";
  /** The version list file, in the one model-file envelope. */
  public static final dev.funnel.core.io.ModelFile.Kind KIND = dev.funnel.core.io.ModelFile.Kind.of("funnel-ranker-versions", 1);
  public static final int MAX_VERSIONS = 50;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;
  private final RankingService ranking;
  private final List<RankerVersion> versions = new ArrayList<>();
  private final Map<Integer, String> texts = new HashMap<>();
  private final Map<Ranker, Integer> instances = new IdentityHashMap<>();
  private int next = 1;

  private RankerVersions(Path dir, RankingService ranking) {
    this.dir = dir;
    this.ranking = ranking;
  }

  /**
   * The versions kept in {@code dir} (null: in memory only) for the rankers of {@code ranking};
   * the LambdaMART model serving now (loaded from the state folder), if any, is kept as a version
   * of origin {@code state} unless it is one already.
   */
  public static RankerVersions open(Path dir, RankingService ranking) throws IOException {
    RankerVersions v = new RankerVersions(dir, ranking);
    if (dir != null && Files.exists(dir.resolve(INDEX))) {
      v.readIndex();
    }
    Ranker current = ranking.acquire();
    try {
      if (current instanceof LambdaMartRanker r) {
        v.keep(r, "state", null);
      }
    } finally {
      current.release();
    }
    return v;
  }

  /**
   * Keeps {@code r} as a version (or finds the version with the same model text) and remembers
   * the instance, so that once installed it is reported live. Call it before installing {@code r}.
   */
  public synchronized RankerVersion keep(LambdaMartRanker r, String origin, String source) {
    String text = RankerFile.toText(r);
    String sha = sha256(text);
    for (RankerVersion v : versions) {
      if (v.sha256().equals(sha)) {
        instances.put(r, v.version());
        return v;
      }
    }
    RankerVersion v = new RankerVersion(next++, origin, source, Instant.now(), sha, r.provenance());
    if (dir == null) {
      texts.put(v.version(), text);
    } else {
      try {
        Files.createDirectories(dir);
        AtomicFiles.writeString(file(v.version()), text + "\n");
      } catch (IOException e) {
        // the version stays activatable from memory; the list says where it is
        System.err.println("funnel: could not write ranker version " + v.version() + " to " + file(v.version()) + " (kept in memory): " + e);
        texts.put(v.version(), text);
      }
    }
    versions.add(v);
    instances.put(r, v.version());
    prune();
    writeIndex();
    return v;
  }

  /**
   * Serves the offline-trained ranker in {@code file} ({@code funnel train ranker}): it must
   * have been trained on this process's features. Kept as a version of origin {@code file}.
   */
  public synchronized RankerVersion serveFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("--ranker", file.toString(), "expected a ranker model file from 'funnel train ranker'");
    }
    LambdaMartRanker r;
    try {
      r = RankerFile.read(file, ranking.schema());
    } catch (InvalidInputException e) {
      throw new InvalidInputException("--ranker", file.toString(), e.getMessage());
    }
    RankerVersion v = keep(r, "file", file.toAbsolutePath().toString());
    install(r);
    return v;
  }

  /**
   * Installs version {@code version} atomically (requests already running finish on the model
   * they started with) and returns it; a no-op when it serves already. Unknown versions fail
   * naming {@code version}.
   */
  public synchronized RankerVersion activate(int version) throws IOException {
    RankerVersion v = find(version).orElseThrow(() -> new InvalidInputException("version", version,
        "expected one of the kept ranker versions " + versions.stream().map(RankerVersion::version).toList()));
    if (Integer.valueOf(version).equals(live())) {
      return v;
    }
    String text = texts.containsKey(version) ? texts.get(version) : Files.readString(file(version));
    LambdaMartRanker r = RankerFile.parse(text, "ranker version " + version);
    instances.put(r, version);
    try {
      install(r);
    } catch (RuntimeException e) {
      instances.remove(r);
      r.close();
      throw e;
    }
    return v;
  }

  private void install(LambdaMartRanker r) {
    Ranker previous = ranking.swap(r);
    if (previous instanceof LambdaMartRanker old) {
      // freed when the last request that retained it finishes
      old.close();
      instances.remove(old);
    }
  }

  /** The version serving now, or null when the baseline (no LambdaMART model) serves. */
  public synchronized Integer live() {
    return instances.get(ranking.ranker());
  }

  /** The kept versions, oldest first. */
  public synchronized List<RankerVersion> list() {
    return List.copyOf(versions);
  }

  public synchronized Optional<RankerVersion> find(int version) {
    return versions.stream().filter(v -> v.version() == version).findFirst();
  }

  /** The name of the ranker serving now ({@code lambdamart}, {@code rrf}...). */
  public String serving() {
    return ranking.ranker().name();
  }

  private Path file(int version) {
    return dir.resolve("ranker-v" + version + ".json");
  }

  private void prune() {
    Integer live = instances.get(ranking.ranker());
    while (versions.size() > MAX_VERSIONS) {
      RankerVersion oldest = versions.stream().filter(v -> !Integer.valueOf(v.version()).equals(live)).findFirst().orElse(null);
      if (oldest == null) {
        return;
      }
      versions.remove(oldest);
      texts.remove(oldest.version());
      instances.values().removeIf(n -> n == oldest.version());
      if (dir != null) {
        try {
          Files.deleteIfExists(file(oldest.version()));
        } catch (IOException e) {
          System.err.println("funnel: could not delete the forgotten ranker version file " + file(oldest.version()) + ": " + e);
        }
      }
    }
  }

  private void writeIndex() {
    if (dir == null) {
      return;
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("next", next);
    ArrayNode a = o.putArray("versions");
    for (RankerVersion v : versions) {
      ObjectNode n = a.addObject();
      n.put("version", v.version());
      n.put("origin", v.origin());
      n.put("source", v.source());
      n.put("created_at", v.createdAt().toString());
      n.put("sha256", v.sha256());
      n.put("in_memory_only", texts.containsKey(v.version()));
    }
    try {
      AtomicFiles.writeString(dir.resolve(INDEX), dev.funnel.core.io.ModelFile.toJson(KIND,
          dev.funnel.core.io.FileProvenance.ofState("ranker versions served by this process", java.util.Map.of()), o) + "\n");
    } catch (IOException e) {
      System.err.println("funnel: could not write the ranker version list " + dir.resolve(INDEX) + ": " + e);
    }
  }

  /** Reads the version list; versions whose model file is gone are skipped, saying so. */
  private void readIndex() throws IOException {
    Path index = dir.resolve(INDEX);
    JsonNode o = dev.funnel.core.io.ModelFile.readJson(index, KIND).payload();
    int max = 0;
    for (JsonNode n : o.path("versions")) {
      int version = n.path("version").asInt(0);
      max = Math.max(max, version);
      Path f = file(version);
      if (!Files.isRegularFile(f)) {
        System.err.println("funnel: ranker version " + version + " is listed in " + index + " but its file " + f + " is gone; it is forgotten");
        continue;
      }
      versions.add(new RankerVersion(version, n.path("origin").asText(null), n.path("source").asText(null),
          Instant.parse(n.path("created_at").asText()), n.path("sha256").asText(null),
          RankerFile.provenanceOf(Files.readString(f), f.toString())));
    }
    next = Math.max(o.path("next").asInt(1), max + 1);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
