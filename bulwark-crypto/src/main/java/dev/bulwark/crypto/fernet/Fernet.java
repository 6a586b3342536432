package dev.bulwark.crypto.fernet;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;

/**
 * Fernet (the fernet/spec v0x80 format, interoperable with PyCA {@code cryptography.fernet}):
 * authenticated symmetric encryption of a message into a URL-safe text token that records when it
 * was made. AES-128-CBC with PKCS#7 padding, then HMAC-SHA256 over version ‖ timestamp ‖ IV ‖
 * ciphertext.
 *
 * {@snippet :
 * Fernet fernet = Fernet.create(FernetKey.parse(keyText));
 * String token = fernet.encrypt(message);
 * byte[] opened = fernet.decrypt(token, Duration.ofMinutes(15)); // CryptoException if forged or old
 * }
 *
 * <p>Decryption decodes the token strictly (canonical base64url with padding, version 0x80, whole
 * AES blocks, at most {@value #MAX_PLAINTEXT_BYTES} bytes of plaintext), then verifies the HMAC in
 * constant time, and only then checks the age and decrypts. Every rejection before the HMAC and any
 * padding failure after it carry the same message, so there is no padding oracle. Only a token with
 * a valid HMAC can be reported as expired.
 *
 * <p>Time: with a TTL, a token is rejected when {@code timestamp + ttl < now} or when its timestamp
 * is more than {@link #MAX_CLOCK_SKEW} (60 s) ahead of {@code now}, exactly like PyCA; without a TTL
 * the timestamp is not checked (again like PyCA). Seconds are whole seconds since the Unix epoch.
 *
 * <p>Warning: the timestamp is authenticated but not encrypted; anyone holding a token can read
 * when it was made. Fernet does not hide the message length (rounded up to 16 bytes).
 *
 * <p>Thread-safe if the injected {@link Clock} and {@link SecureRandom} are.
 */
public final class Fernet {
  /** Largest plaintext accepted by {@link #encrypt} and the size bound for decryption: 16 MiB. */
  public static final int MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024;

  /** How far in the future a token's timestamp may be when a TTL is checked (PyCA's value). */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final SecureRandom DEFAULT_RANDOM = newDrbg();

  private final FernetKey key;
  private final Clock clock;
  private final SecureRandom random;

  private Fernet(FernetKey key, Clock clock, SecureRandom random) {
    this.key = Objects.requireNonNull(key, "key");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Fernet with the system UTC clock and a shared DRBG seeded by the operating system. */
  public static Fernet create(FernetKey key) {
    return new Fernet(key, Clock.systemUTC(), DEFAULT_RANDOM);
  }

  /** Fernet with an injected clock (timestamps and TTL checks) and IV source; meant for tests. */
  public static Fernet create(FernetKey key, Clock clock, SecureRandom random) {
    return new Fernet(key, clock, random);
  }

  /**
   * Encrypts {@code plaintext} under this key, stamped with the clock's current second.
   *
   * @return the token: URL-safe base64 with padding
   * @throws IllegalArgumentException if {@code plaintext} exceeds {@value #MAX_PLAINTEXT_BYTES} bytes
   * @throws IllegalStateException if the clock is before 1970 or the key was destroyed
   */
  public String encrypt(byte[] plaintext) {
    long now = clock.instant().getEpochSecond();
    if (now < 0) {
      throw new IllegalStateException("the clock is before 1970; Fernet timestamps are unsigned");
    }
    return encryptAt(plaintext, now);
  }

  /** Encrypts with a given timestamp field (used by {@link MultiFernet#rotate} to keep it). */
  String encryptAt(byte[] plaintext, long timestamp) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length > MAX_PLAINTEXT_BYTES) {
      throw new IllegalArgumentException(
          "Fernet plaintext is limited to " + MAX_PLAINTEXT_BYTES + " bytes, got " + plaintext.length);
    }
    int padded = FernetCodec.paddedLength(plaintext.length);
    byte[] token = new byte[FernetCodec.OVERHEAD_BYTES + padded];
    token[0] = FernetCodec.VERSION;
    FernetCodec.putTimestamp(token, timestamp);
    byte[] iv = new byte[FernetCodec.IV_BYTES];
    random.nextBytes(iv);
    System.arraycopy(iv, 0, token, FernetCodec.IV_OFFSET, iv.length);
    try {
      Cipher cipher = FernetPrimitives.cipher();
      cipher.init(Cipher.ENCRYPT_MODE, key.encryptionKey(), new IvParameterSpec(iv));
      int written = cipher.doFinal(plaintext, 0, plaintext.length, token, FernetCodec.CIPHERTEXT_OFFSET);
      int signed = FernetCodec.CIPHERTEXT_OFFSET + written;
      Mac mac = FernetPrimitives.mac();
      mac.init(key.signingKey());
      mac.update(token, 0, signed);
      mac.doFinal(token, signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC or HMAC-SHA256 failed on valid input", e);
    }
    return FernetCodec.encode(token);
  }

  /**
   * Verifies and decrypts a token of any age.
   *
   * @throws CryptoException if the token is malformed, tampered with, or made with another key
   */
  public byte[] decrypt(String token) throws CryptoException {
    byte[] data = FernetCodec.decodeToken(token);
    requireAuthentic(data);
    return open(data, null);
  }

  /**
   * Verifies and decrypts a token no older than {@code ttl} (whole seconds) and not more than
   * {@link #MAX_CLOCK_SKEW} in the future.
   *
   * @throws CryptoException if the token is malformed, tampered with, made with another key,
   *     expired, or from the future
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public byte[] decrypt(String token, Duration ttl) throws CryptoException {
    checkTtl(ttl);
    byte[] data = FernetCodec.decodeToken(token);
    requireAuthentic(data);
    return open(data, ttl);
  }

  /**
   * The creation time recorded in an authentic token, read only after its HMAC is verified (PyCA
   * {@code extract_timestamp}). The token's age is not checked.
   *
   * @throws CryptoException if the token is malformed, tampered with or made with another key
   */
  public Instant extractTimestamp(String token) throws CryptoException {
    byte[] data = FernetCodec.decodeToken(token);
    requireAuthentic(data);
    return timestampOf(data);
  }

  static Instant timestampOf(byte[] data) throws CryptoException {
    long seconds = FernetCodec.timestamp(data);
    try {
      if (seconds < 0) {
        throw new DateTimeException("beyond the range of Instant");
      }
      return Instant.ofEpochSecond(seconds);
    } catch (DateTimeException e) {
      throw new CryptoException("Fernet token timestamp is out of range");
    }
  }

  static void checkTtl(Duration ttl) {
    if (Objects.requireNonNull(ttl, "ttl").isNegative()) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
  }

  private void requireAuthentic(byte[] data) throws CryptoException {
    if (!authenticates(data)) {
      throw new CryptoException(FernetCodec.INVALID);
    }
  }

  /** Constant-time check of the token's HMAC under this key; {@code data} is a decoded token. */
  boolean authenticates(byte[] data) {
    int signed = data.length - FernetCodec.HMAC_BYTES;
    byte[] expected;
    try {
      Mac mac = FernetPrimitives.mac();
      mac.init(key.signingKey());
      mac.update(data, 0, signed);
      expected = mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed on a valid key", e);
    }
    return ConstantTime.equals(expected, Arrays.copyOfRange(data, signed, data.length));
  }

  /**
   * Checks the age (when {@code ttl} is non-null) and decrypts an authenticated token.
   *
   * @param ttl the maximum age, or null for none
   */
  byte[] open(byte[] authenticated, Duration ttl) throws CryptoException {
    if (ttl != null) {
      checkAge(FernetCodec.timestamp(authenticated), ttl.getSeconds());
    }
    int ciphertextLength = authenticated.length - FernetCodec.OVERHEAD_BYTES;
    try {
      Cipher cipher = FernetPrimitives.cipher();
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.encryptionKey(),
          new IvParameterSpec(authenticated, FernetCodec.IV_OFFSET, FernetCodec.IV_BYTES));
      return cipher.doFinal(authenticated, FernetCodec.CIPHERTEXT_OFFSET, ciphertextLength);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      // Only reachable with a valid HMAC, i.e. a token made wrongly by a key holder; same message.
      throw new CryptoException(FernetCodec.INVALID);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC rejected a valid key or IV", e);
    }
  }

  private void checkAge(long timestamp, long ttlSeconds) throws CryptoException {
    long now = clock.instant().getEpochSecond();
    // timestamp is unsigned on the wire: a negative long is beyond 2^63 s, i.e. far in the future.
    boolean future =
        timestamp < 0 || (now <= Long.MAX_VALUE - MAX_CLOCK_SKEW.getSeconds() && timestamp > now + MAX_CLOCK_SKEW.getSeconds());
    if (future) {
      throw new CryptoException("Fernet token timestamp is too far in the future");
    }
    // PyCA: expired when timestamp + ttl < now (a token exactly ttl seconds old is still valid).
    if (ttlSeconds < now && timestamp < now - ttlSeconds) {
      throw new CryptoException("Fernet token has expired");
    }
  }

  private static SecureRandom newDrbg() {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256,
              DrbgParameters.Capability.RESEED_ONLY,
              "bulwark-fernet-iv".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK's DRBG at 256-bit strength is missing", e);
    }
  }

  @Override
  public String toString() {
    return "Fernet[key=redacted]";
  }
}
