package dev.bulwark.crypto.envelope;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Makes signed envelopes (format: {@code docs/signed-envelopes.md}) with Ed25519, ML-DSA-65, or both.
 * Thread-safe.
 *
 * {@snippet :
 * EnvelopeSigner signer = EnvelopeSigner.hybrid(ed25519Key, mlDsaKey);
 * byte[] envelope = signer.signAttached(document);
 * VerifiedPayload verified = EnvelopeVerifier.hybrid(edPublic, mlDsaPublic).verifyAttached(envelope);
 * }
 */
public final class EnvelopeSigner {
  private final EnvelopeAlgorithm suite;
  private final List<SigningKey> keys;

  private EnvelopeSigner(EnvelopeAlgorithm suite, List<SigningKey> keys) {
    this.suite = suite;
    this.keys = keys;
  }

  /** Signs with Ed25519 alone. */
  public static EnvelopeSigner ed25519(SigningKey key) {
    return new EnvelopeSigner(EnvelopeAlgorithm.ED25519, List.of(require(key, SignatureAlgorithm.ED25519)));
  }

  /** Signs with ML-DSA-65 alone. */
  public static EnvelopeSigner mlDsa65(SigningKey key) {
    return new EnvelopeSigner(EnvelopeAlgorithm.ML_DSA_65, List.of(require(key, SignatureAlgorithm.ML_DSA_65)));
  }

  /** Signs with both Ed25519 and ML-DSA-65; verifiers then require both. */
  public static EnvelopeSigner hybrid(SigningKey ed25519, SigningKey mlDsa65) {
    return new EnvelopeSigner(
        EnvelopeAlgorithm.HYBRID_ED25519_ML_DSA_65,
        List.of(require(ed25519, SignatureAlgorithm.ED25519), require(mlDsa65, SignatureAlgorithm.ML_DSA_65)));
  }

  private static SigningKey require(SigningKey key, SignatureAlgorithm algorithm) {
    Objects.requireNonNull(key, "key");
    if (key.algorithm() != algorithm) {
      throw new IllegalArgumentException("expected a " + algorithm + " key, got " + key.algorithm());
    }
    return key;
  }

  /** The suite this signer uses. */
  public EnvelopeAlgorithm algorithm() {
    return suite;
  }

  /**
   * An envelope carrying {@code payload} and its signatures.
   *
   * @throws IllegalArgumentException if the payload exceeds 64 MiB (use a detached signature)
   * @throws CryptoException if a key was destroyed or signing failed
   */
  public byte[] signAttached(byte[] payload) throws CryptoException {
    Objects.requireNonNull(payload, "payload");
    if (payload.length > EnvelopeFormat.MAX_ATTACHED_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("attached payloads are limited to 64 MiB; sign detached");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeHeader(out, EnvelopeFormat.ATTACHED);
    out.writeBytes(ByteBuffer.allocate(EnvelopeFormat.LENGTH_BYTES).putInt(payload.length).array());
    out.writeBytes(payload);
    writeSignatures(out, EnvelopeFormat.ATTACHED, payload);
    return out.toByteArray();
  }

  /**
   * An envelope carrying only the signatures over {@code payload}; the verifier gets the payload
   * separately.
   *
   * @throws CryptoException if a key was destroyed or signing failed
   */
  public byte[] signDetached(byte[] payload) throws CryptoException {
    Objects.requireNonNull(payload, "payload");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeHeader(out, EnvelopeFormat.DETACHED);
    writeSignatures(out, EnvelopeFormat.DETACHED, payload);
    return out.toByteArray();
  }

  private void writeHeader(ByteArrayOutputStream out, byte mode) {
    out.write(EnvelopeFormat.VERSION);
    out.write(suite.id());
    out.write(mode);
  }

  private void writeSignatures(ByteArrayOutputStream out, byte mode, byte[] payload) throws CryptoException {
    byte[] message = EnvelopeFormat.signedMessage(suite, mode, payload);
    for (SigningKey key : keys) {
      byte[] signature = key.signer().sign(message);
      if (signature.length != EnvelopeAlgorithm.signatureBytes(key.algorithm())) {
        throw new IllegalStateException(key.algorithm() + " produced an unexpected signature length");
      }
      out.writeBytes(signature);
    }
  }

  @Override
  public String toString() {
    return "EnvelopeSigner[" + suite + "]";
  }
}
