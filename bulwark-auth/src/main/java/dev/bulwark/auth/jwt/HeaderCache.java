package dev.bulwark.auth.jwt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A verifier's memory of JWS headers it has already checked, keyed by the exact base64url header
 * segment. The tokens of one issuer share a handful of headers ({@code {"alg":"HS256","kid":"k1"}}),
 * and decoding plus JSON-parsing that header was a third of an HS256 verification.
 *
 * <p>Why this is exact and not a relaxation: everything {@link JwsCompact} derives from the header
 * (strict base64url, UTF-8, JSON, nesting bound, forbidden members, key chosen by {@code kid}, the
 * pinned {@code alg}) is a pure function of the segment's characters and of the verifier's immutable
 * keys and depth bound. A hit therefore stands for the same outcome the checks would give again; a
 * segment differing in any character, {@code alg} included, is a different key and misses.
 *
 * <p>Only a header whose token's signature verified is remembered ({@link #remember} is called after
 * the signature), so a sender without the key cannot fill the cache or evict an issuer's headers.
 * Bounded: at most {@value #MAX_ENTRIES} headers of at most {@value #MAX_SEGMENT_CHARS} characters;
 * when full the cache is emptied and refills from verified tokens (a warm-up, never a wrong answer).
 * Thread-safe: reads are lock-free, writes are serialised.
 */
final class HeaderCache {
  /** Headers kept; an issuer uses one per key and type, and key rotation adds one at a time. */
  static final int MAX_ENTRIES = 16;
  /** Longer header segments are checked every time: a cache of large values is a memory lever. */
  static final int MAX_SEGMENT_CHARS = 512;

  /** A header that passed every header check, with the key it selected. */
  record Checked(Map<String, Object> header, JwtVerificationKey key) {}

  private final Map<String, Checked> entries = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  /** The checked header for exactly this segment, or {@code null}. */
  Checked find(String segment) {
    return entries.get(segment);
  }

  /** Remembers a header whose token verified; call only after the signature checked out. */
  void remember(String segment, Checked checked) {
    if (segment.length() > MAX_SEGMENT_CHARS) {
      return;
    }
    synchronized (writeLock) {
      if (entries.size() >= MAX_ENTRIES && !entries.containsKey(segment)) {
        entries.clear();
      }
      entries.put(segment, checked);
    }
  }

  /** How many headers are remembered (tests). */
  int size() {
    return entries.size();
  }
}
