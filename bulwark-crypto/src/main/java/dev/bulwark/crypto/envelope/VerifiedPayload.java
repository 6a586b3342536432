package dev.bulwark.crypto.envelope;

/**
 * A payload whose envelope verified. Only {@link EnvelopeVerifier} makes one, so holding one is
 * proof of verification ("verified is a type"). Immutable.
 */
public final class VerifiedPayload {
  private final EnvelopeAlgorithm algorithm;
  private final byte[] payload;

  VerifiedPayload(EnvelopeAlgorithm algorithm, byte[] payload) {
    this.algorithm = algorithm;
    this.payload = payload.clone();
  }

  /** The suite that verified. */
  public EnvelopeAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the verified payload. */
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public String toString() {
    return "VerifiedPayload[" + algorithm + ", " + payload.length + " bytes]";
  }
}
