package dev.bulwark.crypto.envelope;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;

/**
 * Fuzzes envelope parsing and verification with arbitrary bytes: the only documented failure is
 * {@link CryptoException}; anything else (and any accepted forgery) fails the run.
 */
class SignedEnvelopeFuzzTest {
  private static final SigningKey ED = ed25519();
  private static final SigningKey ML = SigningKey.fromMlDsaSeed(new byte[32]);
  private static final EnvelopeVerifier[] VERIFIERS = {
    EnvelopeVerifier.ed25519(ED.verifyingKey()),
    EnvelopeVerifier.mlDsa65(ML.verifyingKey()),
    EnvelopeVerifier.hybrid(ED.verifyingKey(), ML.verifyingKey())
  };

  private static SigningKey ed25519() {
    try {
      return SigningKey.fromRaw(SignatureAlgorithm.ED25519, new byte[32]);
    } catch (CryptoException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest
  void verify_throwsOnlyCryptoException(FuzzedDataProvider data) {
    EnvelopeVerifier verifier = VERIFIERS[data.consumeInt(0, VERIFIERS.length - 1)];
    boolean detached = data.consumeBoolean();
    byte[] payload = data.consumeBytes(data.consumeInt(0, 64));
    byte[] envelope = data.consumeRemainingAsBytes();
    try {
      if (detached) {
        verifier.verifyDetached(envelope, payload);
      } else {
        verifier.verifyAttached(envelope);
      }
      throw new AssertionError("fuzzer forged a signed envelope");
    } catch (CryptoException expected) {
      // the documented rejection
    }
  }
}
