package dev.bulwark.bench.server;

import java.util.Locale;

/**
 * What one measured window of a closed-loop load gave: successful requests per second, latency
 * percentiles of the successful requests, and the failures (wrong status or body, I/O errors).
 *
 * @param label what was measured, e.g. {@code A-bulwark} or {@code login-c4}
 * @param clients concurrent closed-loop clients
 * @param seconds length of the measured window
 * @param ok requests that completed inside the window with the expected answer
 * @param errors requests that failed inside the window
 * @param p50Micros median latency
 * @param p99Micros 99th percentile
 * @param p999Micros 99.9th percentile
 * @param serverCpuSeconds CPU time (user + system) the server process used during the window; -1 if unknown
 */
public record LoadResult(String label, int clients, double seconds, long ok, long errors, double p50Micros,
    double p99Micros, double p999Micros, double serverCpuSeconds) {

  /** Successful requests per second. */
  public double perSecond() {
    return ok / seconds;
  }

  /** Server CPU microseconds per successful request; -1 if unknown. */
  public double serverCpuMicrosPerRequest() {
    return serverCpuSeconds < 0 || ok == 0 ? -1 : serverCpuSeconds * 1e6 / ok;
  }

  /** One line, {@code key=value} fields after the label, what {@code server-compare} parses. */
  public String line() {
    return String.format(Locale.ROOT,
        "result %s clients=%d seconds=%.1f ok=%d errors=%d per_second=%.1f p50_us=%.0f p99_us=%.0f p999_us=%.0f"
            + " server_cpu_s=%.2f server_cpu_us_per_req=%.0f",
        label, clients, seconds, ok, errors, perSecond(), p50Micros, p99Micros, p999Micros, serverCpuSeconds,
        serverCpuMicrosPerRequest());
  }
}
