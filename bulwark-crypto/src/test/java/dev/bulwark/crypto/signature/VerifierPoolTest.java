package dev.bulwark.crypto.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A verifying key lends out JDK engines already initialised with the key ({@link VerifierPool}): an
 * engine used after a rejected, a malformed or a foreign signature must still reject forgeries and
 * accept the genuine signature, and concurrent verifications must never see each other's data.
 */
class VerifierPoolTest {
  private static final byte[] MESSAGE = "pay 10 to alice".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER = "pay 10 to mallory".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ML_DSA_65", "ECDSA_P256_SHA256", "ECDSA_P256_SHA256_P1363", "RSA_PSS_SHA256"})
  void engineReusedAfterRejections_stillDecidesCorrectly(SignatureAlgorithm algorithm) throws CryptoException {
    SigningKey key = SigningKey.generate(algorithm);
    SigningKey stranger = SigningKey.generate(algorithm);
    byte[] signature = key.signer().sign(MESSAGE);
    PublicKeyVerify verifier = key.verifyingKey().verifier();
    for (int round = 0; round < 3; round++) {
      byte[] flipped = signature.clone();
      flipped[flipped.length / 2] ^= 1;
      assertThatThrownBy(() -> verifier.verify(flipped, MESSAGE)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> verifier.verify(signature, OTHER)).isInstanceOf(CryptoException.class);
      byte[] truncated = java.util.Arrays.copyOf(signature, signature.length - 1);
      assertThatThrownBy(() -> verifier.verify(truncated, MESSAGE)).isInstanceOf(CryptoException.class);
      assertThatThrownBy(() -> verifier.verify(new byte[0], MESSAGE)).isInstanceOf(CryptoException.class);
      byte[] foreign = stranger.signer().sign(MESSAGE);
      assertThatThrownBy(() -> verifier.verify(foreign, MESSAGE)).isInstanceOf(CryptoException.class);
      // An update the failed calls left behind would break this one.
      verifier.verify(signature, MESSAGE);
      verifier.verify(signature, MESSAGE);
    }
  }

  @ParameterizedTest
  @EnumSource(value = SignatureAlgorithm.class, names = {"ML_DSA_65", "ECDSA_P256_SHA256"})
  void sharedVerifierAcrossThreads_acceptsOnlyGenuinePairs(SignatureAlgorithm algorithm) throws Exception {
    SigningKey key = SigningKey.generate(algorithm);
    PublicKeyVerify verifier = key.verifyingKey().verifier();
    int threads = 8;
    byte[][] messages = new byte[threads][];
    byte[][] signatures = new byte[threads][];
    for (int t = 0; t < threads; t++) {
      messages[t] = ("message " + t).getBytes(StandardCharsets.UTF_8);
      signatures[t] = key.signer().sign(messages[t]);
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<int[]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        results.add(pool.submit(() -> {
          int accepted = 0;
          int rejected = 0;
          for (int i = 0; i < 30; i++) {
            verifier.verify(signatures[me], messages[me]);
            accepted++;
            try {
              // Another thread's signature over our message: must fail even with engines shared.
              verifier.verify(signatures[(me + 1) % threads], messages[me]);
            } catch (CryptoException expected) {
              rejected++;
            }
          }
          return new int[] {accepted, rejected};
        }));
      }
      for (Future<int[]> r : results) {
        assertThat(r.get()).containsExactly(30, 30);
      }
    }
  }
}
