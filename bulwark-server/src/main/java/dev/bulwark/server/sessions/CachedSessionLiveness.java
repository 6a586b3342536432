package dev.bulwark.server.sessions;

import dev.bulwark.server.http.SessionLiveness;
import dev.bulwark.server.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@link SessionLiveness}: the {@code sessions} table is the truth, memory is a cache.
 *
 * <ul>
 *   <li>A session revoked through this instance ({@link #markRevoked}) is dead at once, with no
 *       database read.
 *   <li>A "live" answer is cached for {@link SessionPolicy#livenessRecheck()} (default 1 s): at most
 *       one indexed primary-key read per session per second, and a revocation made by another
 *       instance is seen within that time.
 *   <li>Correct across restarts: nothing is trusted that is not in the table; an unknown session id
 *       is dead.
 * </ul>
 *
 * <p>Memory is bounded: dead ids are kept for {@value #DEAD_RETENTION_MINUTES} minutes (longer than an
 * access token lives, after which the token itself is refused) and both maps are cleared when they
 * exceed {@value #MAX_ENTRIES} entries, which costs re-reads, never a wrong answer. Thread-safe.
 */
public final class CachedSessionLiveness implements SessionLiveness {
  static final int MAX_ENTRIES = 200_000;
  static final int DEAD_RETENTION_MINUTES = 10;

  private static final String FIND = "SELECT expires_at, revoked_at FROM sessions WHERE id = ?";

  private final Database database;
  private final Clock clock;
  private final long recheckNanos;
  private final Map<String, Long> liveUntilNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> deadSinceNanos = new ConcurrentHashMap<>();

  /** Liveness over {@code database}'s {@code sessions} table. */
  public CachedSessionLiveness(Database database, Clock clock, Duration recheck) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.recheckNanos = Objects.requireNonNull(recheck, "recheck").toNanos();
  }

  @Override
  public boolean isLive(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 64) {
      return false;
    }
    long now = System.nanoTime();
    if (deadSinceNanos.containsKey(sessionId)) {
      return false;
    }
    Long until = liveUntilNanos.get(sessionId);
    if (until != null && now - until < 0) {
      return true;
    }
    boolean live = readLive(sessionId);
    bound();
    if (live) {
      liveUntilNanos.put(sessionId, now + recheckNanos);
    } else {
      liveUntilNanos.remove(sessionId);
      deadSinceNanos.put(sessionId, now);
    }
    return live;
  }

  /** Records that this instance revoked {@code sessionId}: it is dead from now on. */
  public void markRevoked(String sessionId) {
    deadSinceNanos.put(Objects.requireNonNull(sessionId, "sessionId"), System.nanoTime());
    liveUntilNanos.remove(sessionId);
  }

  private boolean readLive(String sessionId) {
    long nowMillis = clock.millis();
    Optional<Boolean> live = database.read(c -> {
      try (var s = c.prepareStatement(FIND)) {
        s.setString(1, sessionId);
        try (var r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.of(false);
          }
          long expiresAt = r.getLong(1);
          r.getLong(2);
          return Optional.of(r.wasNull() && nowMillis < expiresAt);
        }
      }
    });
    return live.orElse(false);
  }

  private void bound() {
    long cutoff = System.nanoTime() - Duration.ofMinutes(DEAD_RETENTION_MINUTES).toNanos();
    if (deadSinceNanos.size() > MAX_ENTRIES) {
      deadSinceNanos.values().removeIf(since -> since - cutoff < 0);
      if (deadSinceNanos.size() > MAX_ENTRIES) {
        deadSinceNanos.clear();
      }
    }
    if (liveUntilNanos.size() > MAX_ENTRIES) {
      liveUntilNanos.clear();
    }
  }

  @Override
  public String toString() {
    return "CachedSessionLiveness[live=" + liveUntilNanos.size() + ", dead=" + deadSinceNanos.size() + "]";
  }
}
