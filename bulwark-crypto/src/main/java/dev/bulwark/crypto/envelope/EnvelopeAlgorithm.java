package dev.bulwark.crypto.envelope;

import dev.bulwark.crypto.signature.SignatureAlgorithm;
import java.util.Collections;
import java.util.List;

/**
 * The signature suites of a signed envelope, each with its one-byte wire id. The id is inside
 * every signed message, so a signature made for one suite never verifies under another.
 */
public enum EnvelopeAlgorithm {
  /** Ed25519 alone (64-byte signature). */
  ED25519((byte) 0x01, List.of(SignatureAlgorithm.ED25519)),
  /** ML-DSA-65 alone (3309-byte signature), post-quantum. */
  ML_DSA_65((byte) 0x02, List.of(SignatureAlgorithm.ML_DSA_65)),
  /**
   * Both: valid only if the Ed25519 and the ML-DSA-65 signature both verify, so it stays secure if
   * either scheme is broken. The recommended choice for long-lived signatures.
   */
  HYBRID_ED25519_ML_DSA_65((byte) 0x03, List.of(SignatureAlgorithm.ED25519, SignatureAlgorithm.ML_DSA_65));

  private final byte id;
  private final List<SignatureAlgorithm> components;

  EnvelopeAlgorithm(byte id, List<SignatureAlgorithm> components) {
    this.id = id;
    this.components = components;
  }

  /** The wire id. */
  public byte id() {
    return id;
  }

  /** The component signature algorithms, in wire order. */
  public List<SignatureAlgorithm> components() {
    return Collections.unmodifiableList(components);
  }

  static int signatureBytes(SignatureAlgorithm algorithm) {
    return switch (algorithm) {
      case ED25519 -> 64;
      case ML_DSA_65 -> 3309;
      default -> throw new IllegalArgumentException(algorithm + " is not an envelope algorithm");
    };
  }

  int totalSignatureBytes() {
    int total = 0;
    for (SignatureAlgorithm component : components) {
      total += signatureBytes(component);
    }
    return total;
  }
}
