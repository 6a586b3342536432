package dev.bulwark.crypto.envelope;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.VerifyingKey;
import java.util.List;
import java.util.Objects;

/**
 * Verifies signed envelopes for one pinned {@link EnvelopeAlgorithm}. An envelope of any other suite
 * is rejected before any signature is checked, so a hybrid verifier can never be downgraded to one
 * signature. For the hybrid, every component must verify. Thread-safe: immutable.
 */
public final class EnvelopeVerifier {
  private final EnvelopeAlgorithm suite;
  private final List<VerifyingKey> keys;

  private EnvelopeVerifier(EnvelopeAlgorithm suite, List<VerifyingKey> keys) {
    this.suite = suite;
    this.keys = keys;
  }

  /** Accepts only Ed25519 envelopes under {@code key}. */
  public static EnvelopeVerifier ed25519(VerifyingKey key) {
    return new EnvelopeVerifier(EnvelopeAlgorithm.ED25519, List.of(require(key, SignatureAlgorithm.ED25519)));
  }

  /** Accepts only ML-DSA-65 envelopes under {@code key}. */
  public static EnvelopeVerifier mlDsa65(VerifyingKey key) {
    return new EnvelopeVerifier(EnvelopeAlgorithm.ML_DSA_65, List.of(require(key, SignatureAlgorithm.ML_DSA_65)));
  }

  /** Accepts only hybrid envelopes whose Ed25519 and ML-DSA-65 signatures both verify. */
  public static EnvelopeVerifier hybrid(VerifyingKey ed25519, VerifyingKey mlDsa65) {
    return new EnvelopeVerifier(
        EnvelopeAlgorithm.HYBRID_ED25519_ML_DSA_65,
        List.of(require(ed25519, SignatureAlgorithm.ED25519), require(mlDsa65, SignatureAlgorithm.ML_DSA_65)));
  }

  private static VerifyingKey require(VerifyingKey key, SignatureAlgorithm algorithm) {
    Objects.requireNonNull(key, "key");
    if (key.algorithm() != algorithm) {
      throw new IllegalArgumentException("expected a " + algorithm + " key, got " + key.algorithm());
    }
    return key;
  }

  /**
   * Verifies an attached envelope and returns its payload.
   *
   * @throws CryptoException if the envelope is malformed, truncated, detached, of another version or
   *     suite, or any signature fails
   */
  public VerifiedPayload verifyAttached(byte[] envelope) throws CryptoException {
    Objects.requireNonNull(envelope, "envelope");
    return check(EnvelopeFormat.parse(envelope, suite, null));
  }

  /**
   * Verifies a detached envelope over {@code payload}.
   *
   * @throws CryptoException if the envelope is malformed, truncated, attached, of another version or
   *     suite, or any signature fails
   */
  public VerifiedPayload verifyDetached(byte[] envelope, byte[] payload) throws CryptoException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(payload, "payload");
    return check(EnvelopeFormat.parse(envelope, suite, payload));
  }

  private VerifiedPayload check(EnvelopeFormat.Parsed parsed) throws CryptoException {
    byte[] message = EnvelopeFormat.signedMessage(suite, parsed.mode(), parsed.payload());
    // Every component is checked; the first failure throws, so "verified" means all verified.
    for (int i = 0; i < keys.size(); i++) {
      keys.get(i).verifier().verify(parsed.signatures()[i], message);
    }
    return new VerifiedPayload(suite, parsed.payload());
  }

  /** The suite this verifier accepts. */
  public EnvelopeAlgorithm algorithm() {
    return suite;
  }

  @Override
  public String toString() {
    return "EnvelopeVerifier[" + suite + "]";
  }
}
