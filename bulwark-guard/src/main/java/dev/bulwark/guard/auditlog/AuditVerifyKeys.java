package dev.bulwark.guard.auditlog;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.VerifyingKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys {@link AuditLogVerifier} needs: the chain's HMAC key (secret: the record chain is a MAC,
 * so only a key holder can check it) and the public checkpoint keys. When {@code postQuantumKey} is
 * present, every checkpoint must carry a valid ML-DSA-65 signature too.
 *
 * @param chainKey the HMAC-SHA256 key of the record chain
 * @param checkpointKey the Ed25519 public key checkpoints are signed with
 * @param postQuantumKey the ML-DSA-65 public key, required on every checkpoint when present
 */
public record AuditVerifyKeys(MacKey chainKey, VerifyingKey checkpointKey, Optional<VerifyingKey> postQuantumKey) {
  /**
   * @throws IllegalArgumentException if a key has the wrong algorithm
   */
  public AuditVerifyKeys {
    Objects.requireNonNull(chainKey, "chainKey");
    Objects.requireNonNull(checkpointKey, "checkpointKey");
    Objects.requireNonNull(postQuantumKey, "postQuantumKey");
    if (chainKey.algorithm() != MacAlgorithm.HMAC_SHA256 || checkpointKey.algorithm() != SignatureAlgorithm.ED25519
        || postQuantumKey.map(k -> k.algorithm() != SignatureAlgorithm.ML_DSA_65).orElse(false)) {
      throw new IllegalArgumentException("audit keys are HMAC-SHA256, Ed25519 and optionally ML-DSA-65");
    }
  }
}
