package dev.bulwark.crypto.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
  private static final SigningKey ED = SigningKey.generate(SignatureAlgorithm.ED25519);
  private static final SigningKey ML = SigningKey.generate(SignatureAlgorithm.ML_DSA_65);
  private static final byte[] PAYLOAD = "release v1.2.3, sha256 abc...".getBytes(StandardCharsets.UTF_8);

  private static final EnvelopeSigner HYBRID_SIGNER = EnvelopeSigner.hybrid(ED, ML);
  private static final EnvelopeVerifier HYBRID =
      EnvelopeVerifier.hybrid(ED.verifyingKey(), ML.verifyingKey());
  private static final EnvelopeVerifier ED_ONLY = EnvelopeVerifier.ed25519(ED.verifyingKey());

  @Test
  void eachSuite_attachedAndDetached_roundTrip() throws CryptoException {
    EnvelopeSigner[] signers = {EnvelopeSigner.ed25519(ED), EnvelopeSigner.mlDsa65(ML), HYBRID_SIGNER};
    EnvelopeVerifier[] verifiers = {ED_ONLY, EnvelopeVerifier.mlDsa65(ML.verifyingKey()), HYBRID};
    for (int i = 0; i < signers.length; i++) {
      VerifiedPayload attached = verifiers[i].verifyAttached(signers[i].signAttached(PAYLOAD));
      assertThat(attached.payload()).isEqualTo(PAYLOAD);
      assertThat(attached.algorithm()).isEqualTo(signers[i].algorithm());
      assertThat(verifiers[i].verifyDetached(signers[i].signDetached(PAYLOAD), PAYLOAD).payload()).isEqualTo(PAYLOAD);
    }
    assertThat(HYBRID.verifyAttached(HYBRID_SIGNER.signAttached(new byte[0])).payload()).isEmpty();
  }

  @Test
  void detachedEnvelope_hasTheDocumentedLayout() throws CryptoException {
    byte[] envelope = HYBRID_SIGNER.signDetached(PAYLOAD);
    assertThat(envelope).hasSize(3 + 64 + 3309);
    assertThat(Arrays.copyOf(envelope, 3)).containsExactly(0x01, 0x03, 0x00);
  }

  @Test
  void tamperedPayload_isRejected() throws CryptoException {
    byte[] envelope = HYBRID_SIGNER.signAttached(PAYLOAD);
    envelope[3 + 4] ^= 1;
    assertThatThrownBy(() -> HYBRID.verifyAttached(envelope)).isInstanceOf(CryptoException.class);
    byte[] detached = HYBRID_SIGNER.signDetached(PAYLOAD);
    byte[] other = PAYLOAD.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> HYBRID.verifyDetached(detached, other)).isInstanceOf(CryptoException.class);
  }

  @Test
  void tamperedEitherSignature_isRejected() throws CryptoException {
    byte[] envelope = HYBRID_SIGNER.signDetached(PAYLOAD);
    for (int index : new int[] {3, 3 + 63, 3 + 64, envelope.length - 1}) {
      byte[] tampered = envelope.clone();
      tampered[index] ^= 1;
      assertThatThrownBy(() -> HYBRID.verifyDetached(tampered, PAYLOAD)).as("byte %d", index).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void hybridWithOneForeignComponent_isRejected() throws CryptoException {
    SigningKey otherMl = SigningKey.generate(SignatureAlgorithm.ML_DSA_65);
    byte[] envelope = EnvelopeSigner.hybrid(ED, otherMl).signAttached(PAYLOAD);
    assertThatThrownBy(() -> HYBRID.verifyAttached(envelope)).isInstanceOf(CryptoException.class);
    SigningKey otherEd = SigningKey.generate(SignatureAlgorithm.ED25519);
    byte[] envelope2 = EnvelopeSigner.hybrid(otherEd, ML).signAttached(PAYLOAD);
    assertThatThrownBy(() -> HYBRID.verifyAttached(envelope2)).isInstanceOf(CryptoException.class);
  }

  /** Downgrade: strip the ML-DSA signature from a hybrid envelope and relabel it as Ed25519-only. */
  @Test
  void hybridStrippedToEd25519_isRejectedByEveryVerifier() throws CryptoException {
    byte[] hybrid = HYBRID_SIGNER.signDetached(PAYLOAD);
    byte[] stripped = Arrays.copyOf(hybrid, 3 + 64);
    assertThatThrownBy(() -> HYBRID.verifyDetached(stripped, PAYLOAD)).isInstanceOf(CryptoException.class);
    stripped[1] = EnvelopeAlgorithm.ED25519.id();
    // The hybrid verifier refuses the suite outright; the Ed25519 verifier finds the signature was
    // made over the hybrid suite id.
    assertThatThrownBy(() -> HYBRID.verifyDetached(stripped, PAYLOAD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> ED_ONLY.verifyDetached(stripped, PAYLOAD)).isInstanceOf(CryptoException.class);
  }

  @Test
  void singleSignatureEnvelope_isRejectedByTheHybridVerifier() throws CryptoException {
    byte[] edOnly = EnvelopeSigner.ed25519(ED).signAttached(PAYLOAD);
    assertThatThrownBy(() -> HYBRID.verifyAttached(edOnly)).isInstanceOf(CryptoException.class);
  }

  @Test
  void versionModeAndLength_areBound() throws CryptoException {
    byte[] attached = HYBRID_SIGNER.signAttached(PAYLOAD);
    byte[] version = attached.clone();
    version[0] = 0x02;
    assertThatThrownBy(() -> HYBRID.verifyAttached(version)).isInstanceOf(CryptoException.class);
    // attached given to the detached verifier and the other way round
    assertThatThrownBy(() -> HYBRID.verifyDetached(attached, PAYLOAD)).isInstanceOf(CryptoException.class);
    assertThatThrownBy(() -> HYBRID.verifyAttached(HYBRID_SIGNER.signDetached(PAYLOAD))).isInstanceOf(CryptoException.class);
    byte[] length = attached.clone();
    length[6] += 1;
    assertThatThrownBy(() -> HYBRID.verifyAttached(length)).isInstanceOf(CryptoException.class);
    byte[] hugeLength = attached.clone();
    hugeLength[3] = 0x7f;
    assertThatThrownBy(() -> HYBRID.verifyAttached(hugeLength)).isInstanceOf(CryptoException.class);
  }

  @Test
  void truncatedOrExtended_isRejected() throws CryptoException {
    byte[] attached = HYBRID_SIGNER.signAttached(PAYLOAD);
    for (int length : new int[] {0, 1, 3, 6, attached.length - 1}) {
      byte[] cut = Arrays.copyOf(attached, length);
      assertThatThrownBy(() -> HYBRID.verifyAttached(cut)).as("length %d", length).isInstanceOf(CryptoException.class);
    }
    byte[] extended = Arrays.copyOf(attached, attached.length + 1);
    assertThatThrownBy(() -> HYBRID.verifyAttached(extended)).isInstanceOf(CryptoException.class);
  }

  @Test
  void wrongVerifyingKey_isRejected() throws CryptoException {
    byte[] envelope = EnvelopeSigner.ed25519(ED).signAttached(PAYLOAD);
    EnvelopeVerifier stranger = EnvelopeVerifier.ed25519(SigningKey.generate(SignatureAlgorithm.ED25519).verifyingKey());
    assertThatThrownBy(() -> stranger.verifyAttached(envelope)).isInstanceOf(CryptoException.class);
  }

  @Test
  void keysOfTheWrongAlgorithm_areMisuse() {
    assertThatThrownBy(() -> EnvelopeSigner.hybrid(ML, ED)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvelopeVerifier.ed25519(ML.verifyingKey())).isInstanceOf(IllegalArgumentException.class);
  }
}
