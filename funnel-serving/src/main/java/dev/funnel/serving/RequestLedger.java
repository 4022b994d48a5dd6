package dev.funnel.serving;

import dev.funnel.bandit.ServedDecision;
import dev.funnel.core.Checks;
import dev.funnel.core.Event;
import dev.funnel.core.InvalidInputException;
import dev.funnel.query.RequestLog;
import dev.funnel.rank.RankingService;
import dev.funnel.rank.TrainingRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The one place that holds served-request state, by request id: what was served (the join key of
 * feedback events), the bandit's decision while it awaits its reward, the request's events so far
 * with its items' features as served (the ranker's training data), and whether it was written to
 * the training log. One bound and one eviction rule for all of it: at most {@code capacity}
 * requests, the oldest served (or restored) evicted first. Everything that needs a served request
 * reads it here: the events API's known-request test, the memory index and query understanding
 * (through {@link RequestLog}), feedback learning, the training log.
 *
 * <p>The bandit's attribution window is a rule on the same entries, not a second store: a
 * decision awaits its reward until an engagement or {@link #settle} takes it, or until more than
 * {@code settleAfter} decisions await (the oldest is then handed back by {@link #record} to be
 * rewarded 0), or until its entry is evicted (likewise handed back). The queue of awaiting
 * entries is an index into the same entries, never longer than the ledger. Thread-safe.
 */
public final class RequestLedger implements RequestLog {
  /**
   * Requests remembered (each holds its items' feature vectors, a few kB): 50 s of traffic at
   * 1,000 requests/s, 17 minutes at 50/s, at most a few hundred MB of heap, so a long-running
   * server's memory stays flat. Events of older requests are still stored and counted; they teach
   * the memory index only when they carry their query.
   */
  public static final int DEFAULT_CAPACITY = 50_000;

  private final int capacity;
  private final int settleAfter;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
  private final ArrayDeque<Entry> awaiting = new ArrayDeque<>();
  private long sequence;
  private int pending;

  /** One request's state. Guarded by the ledger's lock. */
  private static final class Entry {
    final String requestId;
    final long sequence;
    final ServedRequest served;
    ServedDecision pending;
    List<TrainingRecord> records;
    final List<Event> events = new ArrayList<>(0);
    boolean trainingLogged;

    Entry(String requestId, long sequence, ServedRequest served, ServedDecision pending, List<TrainingRecord> records) {
      this.requestId = requestId;
      this.sequence = sequence;
      this.served = served;
      this.pending = pending;
      this.records = records;
    }

    List<TrainingRecord> records() {
      if (records == null) {
        records = RankingService.logForTraining(served.requestId(), served.query(), served.items(), served.offset() + 1);
      }
      return records;
    }
  }

  /** What joining events to a request found: what it served (null for a request restored from the training log) and, when the events engaged it, the bandit decision they settle. */
  public record Join(ServedRequest served, ServedDecision settled) {}

  /** A request with events, as the ranker's training data: its items' features as served and its events so far. */
  public record Shown(List<TrainingRecord> records, List<Event> events) {}

  public RequestLedger(int capacity, int settleAfter) {
    this.capacity = Checks.atLeast("capacity", capacity, 1);
    this.settleAfter = Checks.atLeast("settle_after", settleAfter, 1);
    if (settleAfter > capacity) {
      throw new InvalidInputException("settle_after", settleAfter, "expected at most the ledger's capacity " + capacity);
    }
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Records a served request with the bandit decision awaiting its reward ({@code decision},
   * null for a fixed decision). Returns the decisions now due a reward of 0: the oldest awaiting
   * ones beyond {@code settleAfter}, and those of evicted requests.
   */
  public synchronized List<ServedDecision> record(ServedRequest served, ServedDecision decision) {
    Entry e = new Entry(served.requestId(), ++sequence, served, decision, null);
    Entry previous = entries.put(served.requestId(), e);
    List<ServedDecision> due = new ArrayList<>(1);
    if (previous != null) {
      take(previous, due);
    }
    if (decision != null) {
      awaiting.addLast(e);
      pending++;
    }
    while (pending > settleAfter) {
      take(awaiting.pollFirst(), due);
    }
    evict(due);
    return due;
  }

  /** Hands {@code e}'s awaiting decision to {@code due}, if it has one. */
  private void take(Entry e, List<ServedDecision> due) {
    ServedDecision d = takePending(e);
    if (d != null) {
      due.add(d);
    }
  }

  private ServedDecision takePending(Entry e) {
    ServedDecision d = e.pending;
    if (d != null) {
      e.pending = null;
      pending--;
    }
    return d;
  }

  private void evict(List<ServedDecision> due) {
    for (Iterator<Entry> it = entries.values().iterator(); entries.size() > capacity && it.hasNext(); ) {
      Entry old = it.next();
      it.remove();
      take(old, due);
    }
    // entries whose decision was taken leave the head of the queue
    while (!awaiting.isEmpty() && awaiting.peekFirst().pending == null) {
      awaiting.pollFirst();
    }
  }

  /**
   * Restores one shown request after a restart (its items as served, from the training log, and
   * its events, from the event log), as the newest entry; oldest request first. It awaits no
   * reward. Returns the decisions due because of evictions (none unless the ledger was serving).
   */
  public synchronized List<ServedDecision> restore(List<TrainingRecord> records, List<Event> events) {
    if (records.isEmpty()) {
      return List.of();
    }
    String id = records.get(0).requestId();
    Entry e = new Entry(id, ++sequence, null, null, List.copyOf(records));
    e.events.addAll(events);
    entries.remove(id);
    entries.put(id, e);
    List<ServedDecision> due = new ArrayList<>(0);
    evict(due);
    return due;
  }

  /**
   * Adds {@code events} to request {@code requestId}'s training data and, when {@code engaged},
   * takes its awaiting bandit decision (so exactly one reward settles it). Empty when the request
   * is unknown (never served, or evicted).
   */
  public synchronized Optional<Join> join(String requestId, List<Event> events, boolean engaged) {
    Entry e = entries.get(requestId);
    if (e == null) {
      return Optional.empty();
    }
    e.records();
    e.events.addAll(events);
    return Optional.of(new Join(e.served, engaged ? takePending(e) : null));
  }

  /** Takes the awaiting decision of {@code requestId} (the end of its attribution window), or null. */
  public synchronized ServedDecision settle(String requestId) {
    Entry e = entries.get(requestId);
    return e == null ? null : takePending(e);
  }

  /** The served request {@code requestId} when it was served by this process and is still remembered. */
  public synchronized Optional<ServedRequest> get(String requestId) {
    Entry e = entries.get(requestId);
    return e == null ? Optional.empty() : Optional.ofNullable(e.served);
  }

  /** True when {@code requestId} is remembered (the events API's known-request test). */
  public synchronized boolean contains(String requestId) {
    return entries.containsKey(requestId);
  }

  @Override
  public synchronized Optional<String> query(String requestId) {
    Entry e = entries.get(requestId);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(e.served != null ? e.served.query().text() : e.records.get(0).query());
  }

  /**
   * Marks {@code requestId} as written to the training log; returns what it served the first
   * time (write it then), empty when it was already written, is unknown, or was restored.
   */
  public synchronized Optional<ServedRequest> markTrainingLogged(String requestId) {
    Entry e = entries.get(requestId);
    if (e == null || e.trainingLogged || e.served == null) {
      return Optional.empty();
    }
    e.trainingLogged = true;
    return Optional.of(e.served);
  }

  /** The training data of the most recent {@code max} requests that have events, oldest first (copies). */
  public synchronized List<Shown> shown(int max) {
    ArrayDeque<Shown> out = new ArrayDeque<>();
    List<Entry> all = new ArrayList<>(entries.values());
    for (int i = all.size() - 1; i >= 0 && out.size() < max; i--) {
      Entry e = all.get(i);
      if (!e.events.isEmpty()) {
        out.addFirst(new Shown(e.records(), List.copyOf(e.events)));
      }
    }
    return List.copyOf(out);
  }

  /** Requests remembered. */
  public synchronized int size() {
    return entries.size();
  }

  /** Requests whose bandit decision awaits its reward. */
  public synchronized int awaitingReward() {
    return pending;
  }

  /** Length of the queue of awaiting entries (taken ones leave it from its head); never more than {@link #size()} + 1. */
  synchronized int awaitingQueueLength() {
    return awaiting.size();
  }

  /** Requests with events (the ranker's training window before its own limit). */
  public synchronized int shownCount() {
    int n = 0;
    for (Entry e : entries.values()) {
      if (!e.events.isEmpty()) {
        n++;
      }
    }
    return n;
  }
}
