package dev.funnel.cli.loop;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap allocation and CPU of the server side of an in-process benchmark, per request: the
 * process's totals ({@code ThreadMXBean.getTotalThreadAllocatedBytes}, which counts threads that
 * ended too, and the process CPU time) minus those of the client's own threads, which are alive
 * from the first snapshot to the last. Both are counts the JVM keeps, so they do not depend on
 * how loaded the machine is, as latency percentiles do. Process CPU includes the garbage
 * collector's and the JIT compiler's threads, so allocation that costs collections shows there.
 */
final class ServerSideCost {
  private final com.sun.management.ThreadMXBean threads;
  private final com.sun.management.OperatingSystemMXBean os;
  private final long[] clientThreads;
  private final long allocated;
  private final long cpuNanos;
  private final long clientAllocated;
  private final long clientCpuNanos;
  private final long gcCount;
  private final long gcMillis;

  private ServerSideCost(long[] clientThreads) {
    this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.clientThreads = clientThreads.clone();
    this.allocated = threads.getTotalThreadAllocatedBytes();
    this.cpuNanos = os.getProcessCpuTime();
    this.clientAllocated = sum(threads.getThreadAllocatedBytes(this.clientThreads));
    this.clientCpuNanos = sum(threads.getThreadCpuTime(this.clientThreads));
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    this.gcCount = count;
    this.gcMillis = millis;
  }

  /**
   * Counts now. The client threads are the calling thread and every live thread whose name starts
   * with one of {@code clientPrefixes} (e.g. the HTTP client's selector).
   */
  static ServerSideCost start(List<String> clientPrefixes) {
    long self = Thread.currentThread().threadId();
    long[] ids = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.threadId() == self || clientPrefixes.stream().anyMatch(p -> t.getName().startsWith(p)))
        .mapToLong(Thread::threadId)
        .sorted()
        .toArray();
    return new ServerSideCost(ids);
  }

  /** Server-side bytes, CPU and collections per request from this snapshot to now. */
  Map<String, Object> perRequest(int requests) {
    ServerSideCost end = new ServerSideCost(clientThreads);
    Map<String, Object> m = new LinkedHashMap<>();
    long bytes = (end.allocated - allocated) - (end.clientAllocated - clientAllocated);
    long cpu = (end.cpuNanos - cpuNanos) - (end.clientCpuNanos - clientCpuNanos);
    m.put("requests", requests);
    m.put("allocated_bytes_per_request", requests == 0 ? null : (double) bytes / requests);
    m.put("cpu_ms_per_request", requests == 0 || cpuNanos < 0 ? null : cpu / 1e6 / requests);
    m.put("client_allocated_bytes_per_request", requests == 0 ? null : (double) (end.clientAllocated - clientAllocated) / requests);
    m.put("client_cpu_ms_per_request", requests == 0 ? null : (end.clientCpuNanos - clientCpuNanos) / 1e6 / requests);
    m.put("gc_collections", end.gcCount - gcCount);
    m.put("gc_ms", end.gcMillis - gcMillis);
    m.put("client_threads", clientThreads.length);
    m.put("note", "server side = the whole process minus the client's threads; CPU includes GC and JIT threads");
    return m;
  }

  private static long sum(long[] xs) {
    long s = 0;
    for (long x : xs) {
      s += Math.max(0, x);
    }
    return s;
  }
}
