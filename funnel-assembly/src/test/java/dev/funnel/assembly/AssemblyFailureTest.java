package dev.funnel.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.learning.FunnelLoop;
import dev.funnel.learning.LoopOptions;
import dev.funnel.retrieval.CatalogIndex;
import dev.funnel.server.ops.ServerFeatures;
import dev.funnel.server.ops.ServerMetrics;
import dev.funnel.serving.FunnelConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure injected at each step of the process assembly, from the first file it reads to the
 * port it listens on: the assembly fails with the step's error, and everything opened before the
 * step is closed. Checked three ways: no file under the test's folder is still open or mapped by
 * this process ({@code /proc/self/fd} and {@code /proc/self/maps}, where the system has them), no
 * thread started by the attempt is still alive, and the same index, event log and state folder
 * assemble again at once (the index writer's lock and the event log are free).
 */
class AssemblyFailureTest {
  /** Bounds the wait for closed executors' threads to end (they end within milliseconds; the bound only guards a hang). */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private Path index;
  private Path events;
  private Path state;

  @BeforeEach
  void catalog() throws IOException {
    index = dir.resolve("index");
    TinyShop.index(index).close();
    events = dir.resolve("events");
    state = dir.resolve("state");
  }

  /** The settings of a process that keeps learning while it serves: autosave, training log, background retraining. */
  private static LoopConfig loop(Path ranker) {
    LoopOptions options = LoopOptions.defaults(List.of(), 3).withFunnel(FunnelConfig.defaults(3).withRetrainEvery(50));
    return new LoopConfig(options, Duration.ofMinutes(1), FunnelLoop.TrainingLogMode.ALL, Duration.ofSeconds(30), ranker, Map.of());
  }

  private ServingConfig config(Path eventsDir, Path stateDir, Path decisionModel, Path ranker, ServerMetrics metrics) {
    return new ServingConfig(index, eventsDir, stateDir, null, decisionModel, loop(ranker), null, null,
        new ServerFeatures(null, null, metrics, true), null);
  }

  @Test
  void anUnreadableDecisionModelClosesTheMetricsRegistry() throws Exception {
    Path model = Files.writeString(dir.resolve("decision.json"), "not a model");
    ServerMetrics metrics = new ServerMetrics();
    fails(() -> new ServerAssembly(config(events, state, model, null, metrics)), InvalidInputException.class);
    assertTrue(metrics.registry().isClosed(), "the process owns the metrics registry it was given");
    assemblesAgain(events, state);
  }

  @Test
  void aMissingIndexFailsBeforeAnythingIsOpened() throws Exception {
    ServingConfig missing = new ServingConfig(dir.resolve("no-index"), events, state, null, null, loop(null), null, null, null, null);
    InvalidInputException e = fails(() -> new ServerAssembly(missing), InvalidInputException.class);
    assertEquals("index", e.field());
    assemblesAgain(events, state);
  }

  @Test
  void anEventLogThatCannotOpenClosesTheIndexAndItsUpdater() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("events-file"), "a file where the event log's folder should be");
    fails(() -> new ServerAssembly(config(notADirectory, state, null, null, new ServerMetrics())), IOException.class);
    assemblesAgain(events, state);
  }

  @Test
  void aStateFolderThatCannotOpenClosesTheEventLogAndTheIndex() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("state-file"), "a file where the state folder should be");
    fails(() -> new ServerAssembly(config(events, notADirectory, null, null, new ServerMetrics())), IOException.class);
    assemblesAgain(events, state);
  }

  @Test
  void aCorruptRankerInTheStateClosesTheDecisionLogTheLoopOpened() throws Exception {
    Files.createDirectories(state);
    Path ranker = Files.writeString(state.resolve(FunnelLoop.RANKER_FILE), "{\"format_version\": 2, \"kind\": \"funnel-ranker\"}");
    fails(() -> new ServerAssembly(config(events, state, null, null, new ServerMetrics())), InvalidInputException.class);
    assertTrue(Files.exists(state.resolve(FunnelLoop.DECISION_LOG)), "the decision log was opened before the ranker was read");
    Files.delete(ranker);
    assemblesAgain(events, state);
  }

  @Test
  void aBadRankerFileClosesTheWholeLoop() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad-ranker.json"), "not a ranker");
    fails(() -> new ServerAssembly(config(events, state, null, bad, new ServerMetrics())), InvalidInputException.class);
    assemblesAgain(events, state);
  }

  @Test
  void aPortInUseClosesTheAssembledProcess() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Set<Long> before = threadIds();
      ServerAssembly process = new ServerAssembly(config(events, state, null, null, new ServerMetrics()));
      assertThrows(RuntimeException.class, () -> process.start("127.0.0.1", taken.getLocalPort()));
      allClosedSince(before);
      process.close(); // a second close is a no-op
    }
    assemblesAgain(events, state);
  }

  @Test
  void theLoopAssemblyClosesItsDecisionLogWhenTheRankerCannotBeRead() throws Exception {
    Files.createDirectories(state);
    Files.writeString(state.resolve(FunnelLoop.RANKER_FILE), "not a ranker");
    try (CatalogIndex catalog = CatalogIndex.open(index)) {
      Set<Long> before = threadIds();
      LoopOptions options = LoopOptions.defaults(List.of("bm25", "memory", "structured"), 3);
      assertThrows(InvalidInputException.class, () -> LoopAssembly.open(catalog, catalog.items(), catalog::item, null, state, options));
      await(() -> openUnder(state).isEmpty(), () -> "still open: " + openUnder(state));
      await(() -> newThreads(before).isEmpty(), () -> "still running: " + newThreads(before));
    }
  }

  /** Runs a failing assembly: it throws {@code type}, and leaves nothing open or running. */
  private <T extends Throwable> T fails(org.junit.jupiter.api.function.Executable assembly, Class<T> type) {
    Set<Long> before = threadIds();
    T e = assertThrows(type, assembly);
    allClosedSince(before);
    return e;
  }

  private void allClosedSince(Set<Long> before) {
    await(() -> openUnder(dir).isEmpty(), () -> "files still open or mapped: " + openUnder(dir));
    await(() -> newThreads(before).isEmpty(), () -> "threads still running: " + newThreads(before));
  }

  /** The same files assemble a process again right away, which serves and closes. */
  private void assemblesAgain(Path eventsDir, Path stateDir) throws IOException {
    Set<Long> before = threadIds();
    try (ServerAssembly again = new ServerAssembly(config(eventsDir, stateDir, null, null, new ServerMetrics()))) {
      assertTrue(again.start("127.0.0.1", 0) > 0);
      assertEquals(80, again.index().size());
    }
    allClosedSince(before);
  }

  /** Files under {@code root} that this process holds open or mapped (empty where the system does not tell). */
  private static List<String> openUnder(Path root) {
    List<String> held = new ArrayList<>();
    try {
      String prefix = root.toRealPath().toString();
      Path fds = Path.of("/proc/self/fd");
      if (Files.isDirectory(fds)) {
        try (Stream<Path> s = Files.list(fds)) {
          for (Path fd : s.toList()) {
            try {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith(prefix)) {
                held.add(target);
              }
            } catch (IOException gone) {
              // closed while listing
            }
          }
        }
      }
      Path maps = Path.of("/proc/self/maps");
      if (Files.isReadable(maps)) {
        for (String line : Files.readAllLines(maps)) {
          int at = line.indexOf(prefix);
          if (at >= 0) {
            held.add("mapped " + line.substring(at));
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return held;
  }

  private static Set<Long> threadIds() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::threadId).collect(Collectors.toSet());
  }

  /** Threads alive now that were not before, except the JVM's shared pools (not the assembly's to stop). */
  private static List<String> newThreads(Set<Long> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t.threadId()))
        .map(Thread::getName)
        .filter(n -> !n.startsWith("ForkJoinPool.commonPool") && !n.equals("process reaper") && !n.startsWith("Attach Listener"))
        .sorted()
        .toList();
  }

  /** Polls {@code done} until it holds, failing with {@code message} at the deadline. */
  private static void await(BooleanSupplier done, java.util.function.Supplier<String> message) {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message.get());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
