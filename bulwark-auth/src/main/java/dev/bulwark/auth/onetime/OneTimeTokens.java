package dev.bulwark.auth.onetime;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.tokens.SecureTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Password-reset and e-mail-verification tokens: 256 random bits, stored only as an HMAC-SHA256
 * under a key id ({@link TokenHashKeys}), with an expiry, redeemable once.
 *
 * {@snippet :
 * OneTimeTokens tokens = OneTimeTokens.create(store, keys);
 * IssuedToken reset = tokens.issue(userId, TokenPurpose.PASSWORD_RESET);   // expires in 1 h
 * mail(userId, "https://example.com/reset?t=" + reset.insecureToken());
 * // later, when the link is followed:
 * String userId = tokens.redeem(presented, TokenPurpose.PASSWORD_RESET);  // throws unless valid
 * }
 *
 * <p>Guarantees: redemption is one atomic store operation (two concurrent redemptions of one token:
 * exactly one wins); a token for one purpose does not redeem for another (the purpose is inside the
 * MAC); the store is looked up by the keyed hash, so lookup time depends on a value the attacker
 * cannot steer, and the returned row's hash is compared again in constant time.
 *
 * <p>What it rejects: a malformed token, an unknown key id, an unknown, used or expired token, all
 * with one {@link CryptoException} message so that the answer is no oracle. Thread-safe.
 */
public final class OneTimeTokens {
  /** Random bytes per token (256 bits; the issue asks for at least 128). */
  public static final int TOKEN_BYTES = 32;

  /** Longest lifetime a caller may give a token. */
  public static final Duration MAX_TIME_TO_LIVE = Duration.ofDays(7);

  private static final int SECRET_CHARS = 43;
  private static final int MAX_SUBJECT_CHARS = 256;
  private static final String REJECTED = "one-time token invalid, expired or already used";
  private static final byte[] DOMAIN = "bulwark one-time token v1".getBytes(StandardCharsets.US_ASCII);

  private final OneTimeTokenStore store;
  private final TokenHashKeys keys;
  private final InstantSource clock;
  private final SecureTokens random;

  private OneTimeTokens(OneTimeTokenStore store, TokenHashKeys keys, InstantSource clock, SecureTokens random) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
  }

  /** Tokens on the system clock and DRBG. */
  public static OneTimeTokens create(OneTimeTokenStore store, TokenHashKeys keys) {
    return create(store, keys, InstantSource.system(), SecureTokens.system());
  }

  /** Tokens with an injected clock and random source (tests). */
  public static OneTimeTokens create(OneTimeTokenStore store, TokenHashKeys keys, InstantSource clock,
      SecureTokens random) {
    return new OneTimeTokens(Objects.requireNonNull(store, "store"), Objects.requireNonNull(keys, "keys"),
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(random, "random"));
  }

  /** Issues a token valid for the purpose's default lifetime. */
  public IssuedToken issue(String subject, TokenPurpose purpose) {
    return issue(subject, purpose, purpose.defaultTimeToLive());
  }

  /**
   * Issues a token valid for {@code timeToLive}.
   *
   * @throws IllegalArgumentException if the subject is blank or over 256 characters, or the lifetime
   *     is not positive or over {@link #MAX_TIME_TO_LIVE}
   * @throws StoreException if the store fails
   */
  public IssuedToken issue(String subject, TokenPurpose purpose, Duration timeToLive) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(timeToLive, "timeToLive");
    if (subject.isBlank() || subject.length() > MAX_SUBJECT_CHARS) {
      throw new IllegalArgumentException("a subject is 1 to " + MAX_SUBJECT_CHARS + " non-blank characters");
    }
    if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
      throw new IllegalArgumentException("timeToLive must be positive and at most " + MAX_TIME_TO_LIVE);
    }
    String token = keys.currentId() + "." + random.urlSafe(TOKEN_BYTES);
    Instant expiresAt = clock.instant().plus(timeToLive);
    store.save(new StoredToken(hash(keys.current(), purpose, token), keys.currentId(), subject, purpose, expiresAt));
    return new IssuedToken(token, expiresAt);
  }

  /**
   * Redeems a token: checks it and deletes it in one step.
   *
   * @return the subject the token was issued to
   * @throws CryptoException if the token is malformed, unknown, already used, expired, of another
   *     purpose or under a key id no longer configured
   * @throws StoreException if the store fails
   */
  public String redeem(String presentedToken, TokenPurpose purpose) throws CryptoException {
    Objects.requireNonNull(purpose, "purpose");
    if (presentedToken == null) {
      throw new CryptoException(REJECTED);
    }
    int dot = presentedToken.indexOf('.');
    if (dot < 1 || presentedToken.length() - dot - 1 != SECRET_CHARS
        || !TokenHashKeys.isWellFormedId(presentedToken.substring(0, dot))
        || !isBase64Url(presentedToken, dot + 1)) {
      throw new CryptoException(REJECTED);
    }
    Optional<MacKey> key = keys.find(presentedToken.substring(0, dot));
    if (key.isEmpty()) {
      throw new CryptoException(REJECTED);
    }
    byte[] tokenHash = hash(key.get(), purpose, presentedToken);
    Optional<StoredToken> stored = store.consume(tokenHash, purpose, clock.instant());
    if (stored.isEmpty() || !ConstantTime.equals(stored.get().tokenHash(), tokenHash)
        || stored.get().purpose() != purpose) {
      throw new CryptoException(REJECTED);
    }
    return stored.get().subject();
  }

  /**
   * Invalidates every outstanding token of {@code subject} for {@code purpose}.
   *
   * @return how many were deleted
   * @throws StoreException if the store fails
   */
  public int revokeAll(String subject, TokenPurpose purpose) {
    return store.deleteAll(Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(purpose, "purpose"));
  }

  private static byte[] hash(MacKey key, TokenPurpose purpose, String token) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(DOMAIN);
    input.write(0);
    input.writeBytes(purpose.code().getBytes(StandardCharsets.US_ASCII));
    input.write(0);
    input.writeBytes(token.getBytes(StandardCharsets.US_ASCII));
    return Mac.create(key).compute(input.toByteArray());
  }

  private static boolean isBase64Url(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "OneTimeTokens[" + keys + "]";
  }
}
