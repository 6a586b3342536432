package dev.bulwark.bench.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A closed-loop HTTP load: {@code clients} virtual threads, each sending its next request as soon
 * as the previous answer arrived, over one shared {@link HttpClient} (HTTP/1.1 keeps one keep-alive
 * connection per client busy). A warm-up runs first and is not counted; then every request that
 * finishes inside the measured window counts (in a steady closed loop, completions per second is the
 * throughput; requiring the start inside the window too would drop about one request per client,
 * which matters for one-second logins).
 *
 * <p>Every latency is recorded (one {@link LatencyHistogram} per client, merged at the end); an
 * answer that {@code check} refuses or an I/O error counts as an error, never as a success. Each
 * client keeps the first error it saw for the report. Not reusable: one instance per measurement.
 *
 * @param http the client (its TLS context pins the server certificate)
 * @param clients concurrent clients, at least 1
 * @param warmup time before the measured window
 * @param measure the measured window
 * @param request the request client {@code i} sends (called for every request)
 * @param check whether an answer is the expected one
 */
public record ClosedLoop(HttpClient http, int clients, Duration warmup, Duration measure,
    IntFunction<HttpRequest> request, Predicate<HttpResponse<byte[]>> check) {

  /** @throws IllegalArgumentException if there is no client or the window is empty */
  public ClosedLoop {
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(check, "check");
    if (clients < 1 || measure.isZero() || measure.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("at least one client and a positive measured window");
    }
  }

  /**
   * Runs the warm-up and the measured window; {@code cpu} is sampled at both ends of the window.
   *
   * @return the measured figures
   */
  public LoadResult run(String label, ProcessCpu cpu) throws InterruptedException {
    long start = System.nanoTime();
    long windowStart = start + warmup.toNanos();
    long windowEnd = windowStart + measure.toNanos();
    List<Client> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Client client = new Client(i, windowStart, windowEnd);
      all.add(client);
      threads.add(Thread.ofVirtual().name("load-" + label + "-" + i).start(client));
    }
    sleepUntil(windowStart);
    double cpuBefore = cpu.seconds();
    sleepUntil(windowEnd);
    double cpuAfter = cpu.seconds();
    for (Thread t : threads) {
      t.join();
    }
    LatencyHistogram merged = new LatencyHistogram();
    long errors = 0;
    for (Client c : all) {
      merged.add(c.latencies);
      errors += c.errors;
      String first = c.firstError.get();
      if (first != null) {
        System.err.println("client " + c.index + " of " + label + ": " + c.errors + " errors, first: " + first);
      }
    }
    double seconds = measure.toNanos() / 1e9;
    double p50 = merged.count() == 0 ? Double.NaN : merged.percentileMicros(50);
    double p99 = merged.count() == 0 ? Double.NaN : merged.percentileMicros(99);
    double p999 = merged.count() == 0 ? Double.NaN : merged.percentileMicros(99.9);
    double cpuUsed = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
    return new LoadResult(label, clients, seconds, merged.count(), errors, p50, p99, p999, cpuUsed);
  }

  private static void sleepUntil(long deadline) throws InterruptedException {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  private final class Client implements Runnable {
    final int index;
    final long windowStart;
    final long windowEnd;
    final LatencyHistogram latencies = new LatencyHistogram();
    final AtomicReference<String> firstError = new AtomicReference<>();
    long errors;

    Client(int index, long windowStart, long windowEnd) {
      this.index = index;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    @Override
    public void run() {
      long sent;
      while ((sent = System.nanoTime()) < windowEnd) {
        boolean good;
        String problem = null;
        try {
          HttpResponse<byte[]> answer = http.send(request.apply(index), HttpResponse.BodyHandlers.ofByteArray());
          good = check.test(answer);
          if (!good) {
            problem = "status " + answer.statusCode() + ", " + answer.body().length + " body bytes";
          }
        } catch (java.io.IOException e) {
          good = false;
          problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long done = System.nanoTime();
        if (done >= windowStart && done <= windowEnd) {
          if (good) {
            latencies.record(done - sent);
          } else {
            errors++;
          }
        }
        if (problem != null) {
          firstError.compareAndSet(null, problem);
        }
      }
    }
  }
}
