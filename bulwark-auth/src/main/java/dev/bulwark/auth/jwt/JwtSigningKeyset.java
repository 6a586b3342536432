package dev.bulwark.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer's signing keys with rotation: one primary key signs; after {@link #rotate}, the former
 * primary stops signing but stays published for the verification overlap, so tokens it signed keep
 * verifying until they expire. Every key has a distinct {@code kid}. Immutable and thread-safe:
 * rotation returns a new keyset.
 *
 * <p>Warning: the overlap must be at least the longest token lifetime you issue plus the verifiers'
 * clock skew, or tokens signed just before a rotation are rejected early.
 *
 * {@snippet :
 * JwtSigningKeyset keys = JwtSigningKeyset.create(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k1"), Duration.ofHours(2));
 * keys = keys.rotate(JwtSigningKey.generate(JwtAlgorithm.EDDSA, "k2"), Instant.now());
 * String jwks = keys.publicJwks(Instant.now()).toJson();   // k2 and, for two hours, k1
 * }
 */
public final class JwtSigningKeyset {
  /** The longest overlap accepted; a retired key published for longer is a key not really retired. */
  public static final Duration MAX_OVERLAP = Duration.ofDays(30);

  /** A former primary key and the instant it stops being published. */
  private record Retired(JwtSigningKey key, Instant publishedUntil) {}

  private final JwtSigningKey primary;
  private final List<Retired> retired;
  private final Duration overlap;

  private JwtSigningKeyset(JwtSigningKey primary, List<Retired> retired, Duration overlap) {
    this.primary = primary;
    this.retired = List.copyOf(retired);
    this.overlap = overlap;
  }

  /**
   * A keyset whose primary is {@code primary}.
   *
   * @throws IllegalArgumentException if the key has no {@code kid}, or the overlap is not positive or
   *     exceeds {@link #MAX_OVERLAP}
   */
  public static JwtSigningKeyset create(JwtSigningKey primary, Duration verificationOverlap) {
    Objects.requireNonNull(primary, "primary");
    if (primary.keyId().isEmpty()) {
      throw new IllegalArgumentException("keys in a signing keyset need a kid");
    }
    if (verificationOverlap.isNegative() || verificationOverlap.isZero() || verificationOverlap.compareTo(MAX_OVERLAP) > 0) {
      throw new IllegalArgumentException("the verification overlap must be positive and at most " + MAX_OVERLAP);
    }
    return new JwtSigningKeyset(primary, List.of(), verificationOverlap);
  }

  /**
   * A keyset where {@code next} is primary and the current primary is retired at {@code now}; retired
   * keys past their overlap are dropped.
   *
   * @throws IllegalArgumentException if {@code next} has no {@code kid} or reuses one still in the set
   */
  public JwtSigningKeyset rotate(JwtSigningKey next, Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    List<Retired> kept = new ArrayList<>();
    kept.add(new Retired(primary, now.plus(overlap)));
    for (Retired r : retired) {
      if (now.isBefore(r.publishedUntil())) {
        kept.add(r);
      }
    }
    Set<String> kids = new HashSet<>();
    kept.forEach(r -> kids.add(r.key().keyId().orElseThrow()));
    String kid = next.keyId().orElseThrow(() -> new IllegalArgumentException("keys in a signing keyset need a kid"));
    if (kids.contains(kid)) {
      throw new IllegalArgumentException("the kid " + kid + " is still in the keyset");
    }
    return new JwtSigningKeyset(next, kept, overlap);
  }

  /** The key that signs. */
  public JwtSigningKey primary() {
    return primary;
  }

  /** A signer under the primary key. */
  public JwtSigner signer(Clock clock) {
    return JwtSigner.create(primary, clock);
  }

  /** The verification keys valid at {@code now}: the primary's and those of retired keys still within the overlap. */
  public List<JwtVerificationKey> verificationKeys(Instant now) {
    List<JwtVerificationKey> keys = new ArrayList<>();
    keys.add(primary.verificationKey());
    for (Retired r : retired) {
      if (now.isBefore(r.publishedUntil())) {
        keys.add(r.key().verificationKey());
      }
    }
    return keys;
  }

  /** The JWK set to publish at {@code now} (see {@link #verificationKeys}). */
  public JwkSet publicJwks(Instant now) {
    return JwkSet.of(verificationKeys(now));
  }
}
