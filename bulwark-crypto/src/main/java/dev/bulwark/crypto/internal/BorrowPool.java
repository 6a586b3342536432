package dev.bulwark.crypto.internal;

import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * A small pool of reusable JDK engines ({@code MessageDigest}, {@code Cipher}) for virtual threads.
 * Why: virtual threads are short-lived (a server runs each request on a fresh one), so a
 * thread-local cache would be filled for one use and thrown away, paying {@code getInstance} (and
 * for a cipher the key schedule) every time. A borrower takes an object for one operation and gives
 * it back; an empty pool makes a new one and a full pool drops the returned one, so the bound is
 * memory, never a wait. The caller must leave a given-back object in a state the next borrower
 * cannot learn from (digest() resets; a cipher is re-initialised before every use).
 *
 * <p>Thread-safe.
 *
 * @param <T> the pooled type
 */
public final class BorrowPool<T> {
  private final BlockingQueue<T> idle;
  private final Supplier<T> factory;

  /** A pool keeping at most {@code capacity} idle objects, making new ones with {@code factory}. */
  public BorrowPool(int capacity, Supplier<T> factory) {
    this.idle = new ArrayBlockingQueue<>(capacity);
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** An idle object, or a new one if none is idle. */
  public T take() {
    T pooled = idle.poll();
    return pooled != null ? pooled : factory.get();
  }

  /**
   * Gives {@code object} back.
   *
   * @return false if the pool was full (more concurrent borrowers than it keeps): the object is then
   *     left to the garbage collector
   */
  public boolean give(T object) {
    return idle.offer(object);
  }

  /** Drops every idle object (for example when the key they were made for is destroyed). */
  public void clear() {
    idle.clear();
  }
}
