package dev.bulwark.auth.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task on many threads released at the same instant, and adds up their answers. */
public final class Concurrently {
  private Concurrently() {}

  /** How many of {@code threads} runs of {@code task}, started together, returned true. */
  public static int countTrue(int threads, Callable<Boolean> task) throws Exception {
    return sum(threads, () -> task.call() ? 1 : 0);
  }

  /** The sum of what {@code threads} runs of {@code task}, started together, returned. */
  public static int sum(int threads, Callable<Integer> task) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      int count = 0;
      for (Future<Integer> future : futures) {
        count += future.get();
      }
      return count;
    } finally {
      pool.shutdownNow();
    }
  }
}
