package dev.bulwark.auth.password;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PasswordHasher} makes new hashes with, and what it holds stored hashes against: any
 * stored hash whose algorithm, cost parameters, salt or digest length, or pepper id differs from
 * this policy reports {@code needsRehash} when it matches.
 *
 * {@snippet :
 * PasswordPolicy policy = PasswordPolicy.builder()
 *     .argon2(new Argon2Parameters(131_072, 3, 4))
 *     .pepper(PasswordPepper.of("2026a", pepperKey))
 *     .build();
 * }
 *
 * <p>Defaults (docs/passwords.md explains each): Argon2id with {@link
 * Argon2Parameters#RFC_9106_LOW_MEMORY}, bcrypt cost 12, scrypt {@link ScryptParameters#OWASP},
 * 16-byte salts, 32-byte digests, no pepper, {@link VerificationLimits#defaults()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PasswordPolicy {
  /** Default bcrypt cost (OWASP: at least 10; 12 is about 0.25 s on one core). */
  public static final int DEFAULT_BCRYPT_COST = 12;

  /** Default salt length in bytes (RFC 9106 §3.1: 128 bits is sufficient for all applications). */
  public static final int DEFAULT_SALT_BYTES = 16;

  /** Default digest length in bytes (RFC 9106 §4: 256-bit tag). */
  public static final int DEFAULT_HASH_BYTES = 32;

  private final PasswordAlgorithm algorithm;
  private final Argon2Parameters argon2;
  private final int bcryptCost;
  private final ScryptParameters scrypt;
  private final int saltBytes;
  private final int hashBytes;
  private final PasswordPepper pepper;
  private final VerificationLimits limits;
  private final boolean legacyBcryptTruncation;

  private PasswordPolicy(Builder b) {
    this.algorithm = b.algorithm;
    this.argon2 = b.argon2;
    this.bcryptCost = b.bcryptCost;
    this.scrypt = b.scrypt;
    this.saltBytes = b.saltBytes;
    this.hashBytes = b.hashBytes;
    this.pepper = b.pepper;
    this.limits = b.limits;
    this.legacyBcryptTruncation = b.legacyBcryptTruncation;
  }

  /** The default policy. */
  public static PasswordPolicy defaults() {
    return builder().build();
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The algorithm new hashes use. */
  public PasswordAlgorithm algorithm() {
    return algorithm;
  }

  /** Argon2id parameters for new hashes (and the reference for drift of Argon2 hashes). */
  public Argon2Parameters argon2() {
    return argon2;
  }

  /** bcrypt cost for new hashes. */
  public int bcryptCost() {
    return bcryptCost;
  }

  /** scrypt parameters for new hashes. */
  public ScryptParameters scrypt() {
    return scrypt;
  }

  /** Salt length of new Argon2id and scrypt hashes, in bytes (bcrypt's is always 16). */
  public int saltBytes() {
    return saltBytes;
  }

  /** Digest length of new Argon2id and scrypt hashes, in bytes (bcrypt's is always 23). */
  public int hashBytes() {
    return hashBytes;
  }

  /** The pepper, if any. */
  public Optional<PasswordPepper> pepper() {
    return Optional.ofNullable(pepper);
  }

  /** Bounds on the cost parameters of stored hashes. */
  public VerificationLimits limits() {
    return limits;
  }

  /**
   * Whether a password longer than 72 UTF-8 bytes may match a <em>legacy</em> bcrypt hash on its first
   * 72 bytes (off by default). See {@link Builder#legacyBcryptTruncation}.
   */
  public boolean legacyBcryptTruncation() {
    return legacyBcryptTruncation;
  }

  @Override
  public String toString() {
    return "PasswordPolicy[" + algorithm + ", argon2=" + argon2 + ", bcryptCost=" + bcryptCost + ", scrypt="
        + scrypt + ", salt=" + saltBytes + ", hash=" + hashBytes + ", pepper=" + pepper + "]";
  }

  /** Builds a {@link PasswordPolicy}; not thread-safe. */
  public static final class Builder {
    private PasswordAlgorithm algorithm = PasswordAlgorithm.ARGON2ID;
    private Argon2Parameters argon2 = Argon2Parameters.RFC_9106_LOW_MEMORY;
    private int bcryptCost = DEFAULT_BCRYPT_COST;
    private ScryptParameters scrypt = ScryptParameters.OWASP;
    private int saltBytes = DEFAULT_SALT_BYTES;
    private int hashBytes = DEFAULT_HASH_BYTES;
    private PasswordPepper pepper;
    private VerificationLimits limits = VerificationLimits.defaults();
    private boolean legacyBcryptTruncation;

    private Builder() {}

    /** @throws IllegalArgumentException if the algorithm can only be verified */
    public Builder algorithm(PasswordAlgorithm algorithm) {
      if (!Objects.requireNonNull(algorithm, "algorithm").canHash()) {
        throw new IllegalArgumentException(algorithm + " is accepted for verification only");
      }
      this.algorithm = algorithm;
      return this;
    }

    public Builder argon2(Argon2Parameters argon2) {
      this.argon2 = Objects.requireNonNull(argon2, "argon2");
      return this;
    }

    /** @throws IllegalArgumentException unless 4 to 31 */
    public Builder bcryptCost(int cost) {
      if (cost < VerificationLimits.BCRYPT_MIN_COST || cost > VerificationLimits.BCRYPT_MAX_COST) {
        throw new IllegalArgumentException("bcrypt cost must be 4 to 31, got " + cost);
      }
      this.bcryptCost = cost;
      return this;
    }

    public Builder scrypt(ScryptParameters scrypt) {
      this.scrypt = Objects.requireNonNull(scrypt, "scrypt");
      return this;
    }

    /** @throws IllegalArgumentException unless 16 to 64 */
    public Builder saltBytes(int saltBytes) {
      if (saltBytes < 16 || saltBytes > VerificationLimits.MAX_SALT_BYTES) {
        throw new IllegalArgumentException("salt length must be 16 to 64 bytes, got " + saltBytes);
      }
      this.saltBytes = saltBytes;
      return this;
    }

    /** @throws IllegalArgumentException unless 16 to 64 */
    public Builder hashBytes(int hashBytes) {
      if (hashBytes < VerificationLimits.MIN_HASH_BYTES || hashBytes > VerificationLimits.MAX_HASH_BYTES) {
        throw new IllegalArgumentException("digest length must be 16 to 64 bytes, got " + hashBytes);
      }
      this.hashBytes = hashBytes;
      return this;
    }

    /** A pepper for new hashes (and the keys that verify old ones); {@code null} for none. */
    public Builder pepper(PasswordPepper pepper) {
      this.pepper = pepper;
      return this;
    }

    public Builder limits(VerificationLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Lets a password longer than 72 UTF-8 bytes match a stored bcrypt hash on its first 72 bytes,
     * as every bcrypt implementation did when that hash was made. Off by default: then such a
     * password never matches a bcrypt hash (Spring's CVE-2025-22228 was a silent match). Turn it on
     * only while migrating hashes from a system that accepted long passwords; every such match
     * reports {@code needsRehash}. New bcrypt hashes of long passwords are refused either way.
     */
    public Builder legacyBcryptTruncation(boolean allow) {
      this.legacyBcryptTruncation = allow;
      return this;
    }

    /**
     * @throws IllegalArgumentException if the hashing parameters exceed the verification limits
     *     (the policy could not verify its own hashes) or bcrypt is combined with a pepper
     */
    public PasswordPolicy build() {
      if (argon2.memoryKiB() > limits.maxArgon2MemoryKiB()
          || argon2.iterations() > limits.maxArgon2Iterations()
          || argon2.parallelism() > limits.maxArgon2Parallelism()) {
        throw new IllegalArgumentException("Argon2 parameters exceed the verification limits");
      }
      if (bcryptCost > limits.maxBcryptCost()) {
        throw new IllegalArgumentException(
            "bcrypt cost " + bcryptCost + " exceeds the verification limit " + limits.maxBcryptCost());
      }
      if (scrypt.memoryBytes() > limits.maxScryptMemoryBytes()
          || scrypt.parallelism() > limits.maxScryptParallelism()) {
        throw new IllegalArgumentException("scrypt parameters exceed the verification limits");
      }
      if (pepper != null && algorithm == PasswordAlgorithm.BCRYPT) {
        throw new IllegalArgumentException("bcrypt has no field for a pepper id: use Argon2id or scrypt");
      }
      return new PasswordPolicy(this);
    }
  }
}
