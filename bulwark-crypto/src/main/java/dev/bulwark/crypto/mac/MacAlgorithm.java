package dev.bulwark.crypto.mac;

/** The MACs Bulwark offers: HMAC (RFC 2104) over SHA-2 and SHA-3, all from the JDK. */
public enum MacAlgorithm {
  /** HMAC-SHA256: 32-byte tag, 32-byte generated key. The default. */
  HMAC_SHA256("HmacSHA256", 32),
  /** HMAC-SHA512: 64-byte tag, 64-byte generated key. */
  HMAC_SHA512("HmacSHA512", 64),
  /** HMAC-SHA3-256: 32-byte tag, 32-byte generated key. */
  HMAC_SHA3_256("HmacSHA3-256", 32),
  /** HMAC-SHA3-512: 64-byte tag, 64-byte generated key. */
  HMAC_SHA3_512("HmacSHA3-512", 64);

  private final String jdkName;
  private final int tagSizeBytes;

  MacAlgorithm(String jdkName, int tagSizeBytes) {
    this.jdkName = jdkName;
    this.tagSizeBytes = tagSizeBytes;
  }

  String jdkName() {
    return jdkName;
  }

  /** Length of a full tag in bytes (the hash output length). */
  public int tagSizeBytes() {
    return tagSizeBytes;
  }

  /** Length of a generated key: the hash output length, as RFC 2104 §3 recommends. */
  public int keySizeBytes() {
    return tagSizeBytes;
  }
}
