package dev.bulwark.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counts by route, method and status, a latency histogram per route and method, and JVM
 * basics, written in the Prometheus text exposition format (version 0.0.4) by hand.
 *
 * <p>Label values are bounded: the route label is the registered route template (never the raw
 * path, which a caller chooses), {@code unmatched} for everything else, so a scanner cannot grow the
 * series without limit. Thread-safe and lock-free on the request path.
 */
public final class RequestMetrics {
  /** Histogram bucket upper bounds, in seconds. */
  static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  private record Series(String method, String route, int status) {}

  private record Timing(String method, String route) {}

  private static final class Histogram {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  private final Map<Series, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<Timing, Histogram> latencies = new ConcurrentHashMap<>();
  private final long startedNanos = System.nanoTime();

  /** Empty metrics; the uptime counts from now. */
  public RequestMetrics() {
    // Series are created on first use.
  }

  /** Records one finished request. */
  public void record(String method, String route, int status, long elapsedNanos) {
    counts.computeIfAbsent(new Series(method, route, status), k -> new LongAdder()).increment();
    Histogram h = latencies.computeIfAbsent(new Timing(method, route), k -> new Histogram());
    double seconds = elapsedNanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        h.buckets[i].increment();
      }
    }
    h.count.increment();
    h.sumNanos.add(elapsedNanos);
  }

  /** The exposition text ({@code text/plain; version=0.0.4}). */
  public String exposition() {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP bulwark_http_requests_total HTTP requests by route, method and status.\n");
    out.append("# TYPE bulwark_http_requests_total counter\n");
    sortedCounts().forEach((labels, n) ->
        out.append("bulwark_http_requests_total{").append(labels).append("} ").append(n).append('\n'));
    out.append("# HELP bulwark_http_request_duration_seconds Time to answer HTTP requests.\n");
    out.append("# TYPE bulwark_http_request_duration_seconds histogram\n");
    latencies.forEach((t, h) -> {
      String labels = "method=\"" + escape(t.method()) + "\",route=\"" + escape(t.route()) + "\"";
      for (int i = 0; i < BUCKETS.length; i++) {
        out.append("bulwark_http_request_duration_seconds_bucket{").append(labels).append(",le=\"")
            .append(BUCKETS[i]).append("\"} ").append(h.buckets[i].sum()).append('\n');
      }
      long count = h.count.sum();
      out.append("bulwark_http_request_duration_seconds_bucket{").append(labels).append(",le=\"+Inf\"} ")
          .append(count).append('\n');
      out.append("bulwark_http_request_duration_seconds_sum{").append(labels).append("} ")
          .append(h.sumNanos.sum() / 1e9).append('\n');
      out.append("bulwark_http_request_duration_seconds_count{").append(labels).append("} ").append(count).append('\n');
    });
    jvm(out);
    return out.toString();
  }

  private Map<String, Long> sortedCounts() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((s, n) -> sorted.put("method=\"" + escape(s.method()) + "\",route=\"" + escape(s.route())
        + "\",status=\"" + s.status() + "\"", n.sum()));
    return sorted;
  }

  private void jvm(StringBuilder out) {
    Runtime runtime = Runtime.getRuntime();
    out.append("# HELP jvm_memory_used_bytes Used JVM heap memory.\n# TYPE jvm_memory_used_bytes gauge\n");
    out.append("jvm_memory_used_bytes{area=\"heap\"} ").append(runtime.totalMemory() - runtime.freeMemory()).append('\n');
    out.append("# HELP jvm_memory_max_bytes Largest heap the JVM may use.\n# TYPE jvm_memory_max_bytes gauge\n");
    out.append("jvm_memory_max_bytes{area=\"heap\"} ").append(runtime.maxMemory()).append('\n');
    out.append("# HELP jvm_available_processors Processors available to the JVM.\n");
    out.append("# TYPE jvm_available_processors gauge\n");
    out.append("jvm_available_processors ").append(runtime.availableProcessors()).append('\n');
    out.append("# HELP process_uptime_seconds Seconds since the server started.\n# TYPE process_uptime_seconds gauge\n");
    out.append("process_uptime_seconds ").append((System.nanoTime() - startedNanos) / 1e9).append('\n');
  }

  /** Label value escaping of the exposition format: backslash, double quote, line feed. */
  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
