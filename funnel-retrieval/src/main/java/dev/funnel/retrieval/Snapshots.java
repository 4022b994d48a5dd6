package dev.funnel.retrieval;

import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of an index directory: numbered snapshot folders ({@code snapshot-000001}, ...)
 * and a pointer file {@code CURRENT} naming the live one. A new snapshot is built beside the
 * live one and published by writing {@code CURRENT.tmp}, forcing it to disk and renaming it
 * over {@code CURRENT} atomically; a crash at any point leaves the previous snapshot live.
 */
final class Snapshots {
  static final String POINTER = "CURRENT";
  private static final String PREFIX = "snapshot-";

  private Snapshots() {}

  /** The live snapshot folder, if any. */
  static Optional<Path> current(Path dir) throws IOException {
    Path pointer = dir.resolve(POINTER);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    String name = Files.readString(pointer).trim();
    Path snap = dir.resolve(name);
    if (!name.startsWith(PREFIX) || !Files.isDirectory(snap)) {
      throw new InvalidInputException(pointer.toString(), POINTER, name, "expected the name of a snapshot folder in " + dir);
    }
    return Optional.of(snap);
  }

  /** Creates a fresh, empty snapshot folder numbered after every existing one. */
  static Path create(Path dir) throws IOException {
    Files.createDirectories(dir);
    int next = names(dir).stream().mapToInt(Snapshots::number).max().orElse(0) + 1;
    return Files.createDirectory(dir.resolve(String.format(java.util.Locale.ROOT, "%s%06d", PREFIX, next)));
  }

  /**
   * Makes {@code snapshot} the live one, then deletes every other snapshot but the previous live
   * one (kept so that readers still holding it are not disturbed).
   */
  static void publish(Path dir, Path snapshot) throws IOException {
    Optional<Path> previous = current(dir);
    Path tmp = dir.resolve(POINTER + ".tmp");
    Files.writeString(tmp, snapshot.getFileName().toString() + "\n");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    try {
      Files.move(tmp, dir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + dir + " cannot rename atomically; indexing needs it", e);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignoredOnSomePlatforms) {
      // Directories cannot be opened for fsync on every platform; the rename is still atomic.
    }
    for (String name : names(dir)) {
      Path p = dir.resolve(name);
      if (!p.equals(snapshot) && (previous.isEmpty() || !p.equals(previous.get()))) {
        deleteTree(p);
      }
    }
  }

  /** Deletes a snapshot that failed to build. */
  static void discard(Path snapshot) {
    deleteTree(snapshot);
  }

  private static List<String> names(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(PREFIX) && number(n) >= 0)
          .forEach(out::add);
    }
    return out;
  }

  private static int number(String name) {
    try {
      return Integer.parseInt(name.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
