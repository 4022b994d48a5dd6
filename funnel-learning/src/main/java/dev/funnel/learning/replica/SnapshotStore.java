package dev.funnel.learning.replica;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.FileProvenance;
import dev.funnel.core.io.ModelFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of published, read-only snapshots of learned state: one folder per version ({@code
 * v-000001}, ...) that is never changed once published, and the pointer file {@value #POINTER}
 * naming the current one. {@link #publish} writes the files into a temporary folder, forces them
 * to disk, renames the folder to its version name and then replaces the pointer by an atomic
 * rename: a reader sees the old version or the new one, never a partial folder. Old versions
 * beyond the newest {@link #KEEP} are deleted; replicas link a version's files before loading
 * them ({@link #linkInto}), so a deletion never pulls a file from under a reader.
 *
 * <p>The pointer is a {@link ModelFile} of kind {@value #POINTER_KIND} whose payload names the
 * version ({@code {"version": "v-000002", "published_at": "..."}}). A pointer in another format
 * (the plain-text pointer of earlier builds included) is refused, naming the file.
 */
public final class SnapshotStore {
  public static final String POINTER = "CURRENT";
  /** Published versions kept besides the current one. */
  public static final int KEEP = 3;
  private static final Pattern VERSION = Pattern.compile("v-(\\d{6,})");
  public static final String POINTER_KIND = "funnel-snapshot-pointer";
  /** The envelope of {@link #POINTER}. */
  public static final ModelFile.Kind KIND = ModelFile.Kind.of(POINTER_KIND, 1);
  private final Path dir;

  public SnapshotStore(Path dir) {
    if (dir == null) {
      throw new InvalidInputException("--snapshots", null, "expected a directory");
    }
    this.dir = dir.toAbsolutePath();
  }

  public Path dir() {
    return dir;
  }

  /** One published version. */
  public record Snapshot(String version, Path dir) {
    /** The version's number (1, 2, ...). */
    public long number() {
      Matcher m = VERSION.matcher(version);
      if (!m.matches()) {
        throw new InvalidInputException("version", version, "expected v-NNNNNN");
      }
      return Long.parseLong(m.group(1));
    }
  }

  /** Writes the files of a new version into a folder. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path folder) throws IOException;
  }

  /** The version the pointer names, or empty before the first publication. */
  public Optional<Snapshot> current() throws IOException {
    Path pointer = dir.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    String text = Files.readString(pointer, StandardCharsets.UTF_8);
    if (VERSION.matcher(text.strip()).matches()) {
      throw new InvalidInputException(pointer.toString(), "file", text.strip(), "expected a " + POINTER_KIND
          + " file; this is the plain-text pointer of an earlier build: publish again with this release (restart `funnel learn`)");
    }
    JsonNode payload = ModelFile.parseJson(text, pointer.toString(), KIND).payload();
    JsonNode v = payload.get("version");
    String name = v == null || !v.isTextual() ? null : v.asText();
    if (name == null || !VERSION.matcher(name).matches()) {
      throw new InvalidInputException(pointer.toString(), "payload.version", v, "expected v-NNNNNN");
    }
    Path folder = dir.resolve(name);
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(pointer.toString(), "version", name, "expected a published folder " + folder);
    }
    return Optional.of(new Snapshot(name, folder));
  }

  /** Publishes a new version written by {@code writer} and points {@link #POINTER} at it; returns it. */
  public synchronized Snapshot publish(Writer writer) throws IOException {
    Files.createDirectories(dir);
    long next = versions().stream().mapToLong(Snapshot::number).max().orElse(0) + 1;
    String name = String.format("v-%06d", next);
    Path tmp = Files.createTempDirectory(dir, ".publishing-" + name + "-");
    try {
      writer.writeTo(tmp);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
        for (Path f : files) {
          try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ch.force(true);
          }
        }
      }
      Path folder = dir.resolve(name);
      Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
      writePointer(name);
      prune(name);
      return new Snapshot(name, folder);
    } finally {
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
    }
  }

  /** Replaces the pointer atomically by one naming {@code version}. */
  private void writePointer(String version) throws IOException {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("version", version);
    payload.put("published_at", Instant.now().toString());
    ModelFile.writeJson(dir.resolve(POINTER), KIND, FileProvenance.ofState("published snapshots in " + dir, Map.of()), payload);
  }

  /** The published versions, oldest first. */
  public List<Snapshot> versions() throws IOException {
    List<Snapshot> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (VERSION.matcher(n).matches() && Files.isDirectory(p)) {
          out.add(new Snapshot(n, p));
        }
      }
    }
    out.sort(Comparator.comparingLong(Snapshot::number));
    return out;
  }

  private void prune(String current) throws IOException {
    List<Snapshot> all = versions();
    for (int i = 0; i < all.size() - KEEP - 1; i++) {
      if (!all.get(i).version().equals(current)) {
        deleteTree(all.get(i).dir());
      }
    }
  }

  /**
   * Hard-links (copies, where links are not supported) every file of {@code snapshot} into the
   * empty or new folder {@code target}: the reader's files stay readable after the version is
   * pruned, and writing into {@code target} never changes the published files (every Funnel
   * state file is replaced by rename, not rewritten in place).
   */
  public static void linkInto(Snapshot snapshot, Path target) throws IOException {
    Files.createDirectories(target);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(snapshot.dir())) {
      for (Path f : files) {
        Path to = target.resolve(f.getFileName());
        Files.deleteIfExists(to);
        try {
          Files.createLink(to, f);
        } catch (UnsupportedOperationException | IOException e) {
          Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes a folder and everything in it. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
