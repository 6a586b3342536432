package dev.bulwark.crypto.aead;

/**
 * The AEAD algorithms Bulwark offers, all with 256-bit keys and 128-bit tags, each used with random
 * nonces (see {@link #maxMessagesPerKey()} for why that bounds the number of messages per key).
 */
public enum AeadAlgorithm {
  /**
   * AES-256-GCM (NIST SP 800-38D) from the JDK, which uses the AES-NI and carry-less multiply
   * instructions: the fastest choice on current x86 and ARM servers, and the default.
   */
  AES256_GCM(32, 12, 16, 1L << 32),
  /**
   * ChaCha20-Poly1305 (RFC 8439) from the JDK: constant-time without AES hardware; slower than
   * AES-GCM where AES instructions exist.
   */
  CHACHA20_POLY1305(32, 12, 16, 1L << 32),
  /**
   * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) from Bouncy Castle: a 192-bit nonce, long enough
   * that random nonces never plausibly collide, so no practical per-key message limit.
   */
  XCHACHA20_POLY1305(32, 24, 16, Long.MAX_VALUE);

  /** The default algorithm: see {@link #AES256_GCM}. */
  public static final AeadAlgorithm DEFAULT = AES256_GCM;

  private final int keySizeBytes;
  private final int nonceSizeBytes;
  private final int tagSizeBytes;
  private final long maxMessagesPerKey;

  AeadAlgorithm(int keySizeBytes, int nonceSizeBytes, int tagSizeBytes, long maxMessagesPerKey) {
    this.keySizeBytes = keySizeBytes;
    this.nonceSizeBytes = nonceSizeBytes;
    this.tagSizeBytes = tagSizeBytes;
    this.maxMessagesPerKey = maxMessagesPerKey;
  }

  /** Key length in bytes (32 for every algorithm here). */
  public int keySizeBytes() {
    return keySizeBytes;
  }

  /** Nonce length in bytes: 12 for the 96-bit-nonce algorithms, 24 for XChaCha20-Poly1305. */
  public int nonceSizeBytes() {
    return nonceSizeBytes;
  }

  /** Authentication tag length in bytes (16). */
  public int tagSizeBytes() {
    return tagSizeBytes;
  }

  /** Bytes that {@link Aead#encrypt} adds to a plaintext: the nonce and the tag. */
  public int overheadBytes() {
    return nonceSizeBytes + tagSizeBytes;
  }

  /**
   * How many messages one key may encrypt with random nonces before the API refuses.
   *
   * <p>With 96-bit random nonces the chance that two messages share a nonce (which, for GCM, leaks
   * the authentication key and allows forgeries) must stay below 2^-32: NIST SP 800-38D §8.3 caps
   * the number of invocations at 2^32 per key. The same birthday bound applies to
   * ChaCha20-Poly1305 with random nonces, so it carries the same limit. XChaCha20-Poly1305's 192-bit
   * nonce makes collisions negligible for any realistic count: {@link Long#MAX_VALUE}.
   */
  public long maxMessagesPerKey() {
    return maxMessagesPerKey;
  }
}
