package dev.bulwark.guard.auditlog;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys an {@link AuditLog} writer holds: an HMAC-SHA256 key for the record chain, an Ed25519 key
 * that signs checkpoints, and optionally an ML-DSA-65 key that co-signs them (post-quantum).
 *
 * @param chainKey the HMAC-SHA256 key of the record chain
 * @param checkpointKey the Ed25519 checkpoint signing key
 * @param postQuantumKey the optional ML-DSA-65 co-signing key
 */
public record AuditKeys(MacKey chainKey, SigningKey checkpointKey, Optional<SigningKey> postQuantumKey) {
  /**
   * @throws IllegalArgumentException if a key has the wrong algorithm
   */
  public AuditKeys {
    Objects.requireNonNull(chainKey, "chainKey");
    Objects.requireNonNull(checkpointKey, "checkpointKey");
    Objects.requireNonNull(postQuantumKey, "postQuantumKey");
    if (chainKey.algorithm() != MacAlgorithm.HMAC_SHA256) {
      throw new IllegalArgumentException("the chain key must be HMAC-SHA256");
    }
    if (checkpointKey.algorithm() != SignatureAlgorithm.ED25519) {
      throw new IllegalArgumentException("the checkpoint key must be Ed25519");
    }
    if (postQuantumKey.isPresent() && postQuantumKey.get().algorithm() != SignatureAlgorithm.ML_DSA_65) {
      throw new IllegalArgumentException("the post-quantum checkpoint key must be ML-DSA-65");
    }
  }

  /** Fresh keys: HMAC-SHA256 and Ed25519. */
  public static AuditKeys generate() {
    return new AuditKeys(MacKey.generate(MacAlgorithm.HMAC_SHA256), SigningKey.generate(SignatureAlgorithm.ED25519), Optional.empty());
  }

  /** Fresh keys with an ML-DSA-65 co-signer as well. */
  public static AuditKeys generateWithPostQuantum() {
    return new AuditKeys(MacKey.generate(MacAlgorithm.HMAC_SHA256), SigningKey.generate(SignatureAlgorithm.ED25519),
        Optional.of(SigningKey.generate(SignatureAlgorithm.ML_DSA_65)));
  }

  /** What a verifier needs: the chain key and the public checkpoint keys. */
  public AuditVerifyKeys verifyKeys() {
    return new AuditVerifyKeys(chainKey, checkpointKey.verifyingKey(), postQuantumKey.map(SigningKey::verifyingKey));
  }
}
