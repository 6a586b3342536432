package dev.bulwark.crypto.hash;

/**
 * The message digests Bulwark offers. SHA-2 and SHA-3 come from the JDK ({@code MessageDigest},
 * which uses the CPU's SHA instructions where present); BLAKE2b, which the JDK lacks, from Bouncy
 * Castle's lightweight {@code Blake2bDigest} (RFC 7693, unkeyed).
 *
 * <p>All six resist collisions and preimages at their full output size. Prefer {@link #SHA256} for
 * interoperability; none of them is a password hash (use the auth module) or a MAC (use {@code
 * dev.bulwark.crypto.mac}).
 */
public enum DigestAlgorithm {
  /** SHA-256 (FIPS 180-4). */
  SHA256("SHA-256", 32),
  /** SHA-512 (FIPS 180-4). */
  SHA512("SHA-512", 64),
  /** SHA3-256 (FIPS 202). */
  SHA3_256("SHA3-256", 32),
  /** SHA3-512 (FIPS 202). */
  SHA3_512("SHA3-512", 64),
  /** BLAKE2b with a 256-bit output (RFC 7693), through Bouncy Castle. */
  BLAKE2B_256(null, 32),
  /** BLAKE2b with a 512-bit output (RFC 7693), through Bouncy Castle. */
  BLAKE2B_512(null, 64);

  private final String jdkName;
  private final int digestSizeBytes;

  DigestAlgorithm(String jdkName, int digestSizeBytes) {
    this.jdkName = jdkName;
    this.digestSizeBytes = digestSizeBytes;
  }

  /** The JDK {@code MessageDigest} name, or null for the Bouncy Castle digests. */
  String jdkName() {
    return jdkName;
  }

  /** Length of the digest in bytes. */
  public int digestSizeBytes() {
    return digestSizeBytes;
  }
}
