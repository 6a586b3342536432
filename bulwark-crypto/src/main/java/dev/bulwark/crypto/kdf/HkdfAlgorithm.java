package dev.bulwark.crypto.kdf;

/** The HKDF (RFC 5869) variants Bulwark offers, with their JDK {@code KDF} names. */
public enum HkdfAlgorithm {
  /** HKDF with HMAC-SHA-256: the default for deriving 256-bit keys. */
  HKDF_SHA256("HKDF-SHA256", 32),
  /** HKDF with HMAC-SHA-512. */
  HKDF_SHA512("HKDF-SHA512", 64);

  private final String jdkName;
  private final int hashLengthBytes;

  HkdfAlgorithm(String jdkName, int hashLengthBytes) {
    this.jdkName = jdkName;
    this.hashLengthBytes = hashLengthBytes;
  }

  String jdkName() {
    return jdkName;
  }

  /** The underlying hash's output length, which is also the pseudorandom key's length. */
  public int hashLengthBytes() {
    return hashLengthBytes;
  }

  /** The longest output RFC 5869 allows: 255 blocks of the hash length. */
  public int maxOutputBytes() {
    return 255 * hashLengthBytes;
  }
}
