package dev.bulwark.crypto.signature;

/**
 * The RSA modulus sizes allowed for new keys. 3072 bits matches 128-bit security (NIST SP 800-57);
 * 2048-bit keys can be imported to verify existing signatures, never generated.
 */
public enum RsaModulusSize {
  BITS_3072(3072),
  BITS_4096(4096);

  private final int bits;

  RsaModulusSize(int bits) {
    this.bits = bits;
  }

  /** The modulus length in bits. */
  public int bits() {
    return bits;
  }
}
