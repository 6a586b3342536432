package dev.bulwark.auth.password;

import dev.bulwark.auth.password.internal.Argon2Engines;
import dev.bulwark.auth.password.internal.Kdfs;
import dev.bulwark.auth.password.internal.PasswordBytes;
import dev.bulwark.auth.password.internal.Phc;
import dev.bulwark.auth.password.internal.StoredHash;
import dev.bulwark.crypto.CryptoException;
import java.nio.charset.CharacterCodingException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The password lifecycle in one place: hash new passwords as PHC strings, verify stored hashes of
 * every supported algorithm, and say when a stored hash should be replaced.
 *
 * {@snippet :
 * PasswordHasher hasher = PasswordHasher.create(PasswordPolicy.defaults());
 * String stored = hasher.hash(password);                 // $argon2id$v=19$m=65536,t=3,p=4$...
 * PasswordVerification result = hasher.verify(attempt, stored);
 * if (result.matches() && result.needsRehash()) {
 *   store(hasher.hash(attempt));                         // upgrade while the plaintext is at hand
 * }
 * }
 *
 * <p>Every password is normalised to Unicode NFKC and encoded as UTF-8 first, so the same password
 * typed on any keyboard hashes the same, in every script. A pepper, if the policy has one, is applied
 * as HMAC-SHA256 of those bytes.
 *
 * <p>What can go wrong, and what this class does instead of the anchors' behaviour:
 * <ul>
 *   <li>bcrypt reads only 72 bytes: a longer password is refused when hashing (never silently
 *       truncated, CVE-2025-22228) and never matches a bcrypt hash unless the policy opts into
 *       {@linkplain PasswordPolicy.Builder#legacyBcryptTruncation legacy truncation};
 *   <li>a stored hash is untrusted input: its cost parameters are bounded by {@link
 *       VerificationLimits} before anything is allocated, bcrypt's cost is bounded before its
 *       {@code 2^cost} loop (CVE-2022-22976);
 *   <li>any drift from the policy, not only a change of algorithm, reports {@code needsRehash};
 *   <li>digests are compared in constant time; password bytes are wiped after use (the caller owns
 *       and wipes its {@code char[]}).
 * </ul>
 *
 * <p>Errors: a mismatch is a {@link PasswordVerification}; a stored hash that is malformed, of an
 * unknown algorithm, out of bounds, or names a pepper id that is not configured is a {@link
 * CryptoException} (the one checked exception of Bulwark, reused rather than a new one so that
 * callers catch one type everywhere); API misuse is an {@link IllegalArgumentException}.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {
  /**
   * Longest password accepted, in UTF-16 chars. Hashing refuses a longer one; verification reports a
   * mismatch. It bounds the work of Unicode normalisation and of the pre-hash, not the strength
   * policy (that is the policy module's business).
   */
  public static final int MAX_PASSWORD_CHARS = 4096;

  private static final int BCRYPT_MAX_BYTES = 72;

  private final PasswordPolicy policy;
  private final SecureRandom random;

  private PasswordHasher(PasswordPolicy policy, SecureRandom random) {
    this.policy = policy;
    this.random = random;
  }

  /** A hasher for {@code policy} with salts from a default {@link SecureRandom}. */
  public static PasswordHasher create(PasswordPolicy policy) {
    return new PasswordHasher(Objects.requireNonNull(policy, "policy"), new SecureRandom());
  }

  /** A hasher for {@code policy} with salts from {@code random}. */
  public static PasswordHasher create(PasswordPolicy policy, SecureRandom random) {
    return new PasswordHasher(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(random, "random"));
  }

  /** The policy new hashes follow. */
  public PasswordPolicy policy() {
    return policy;
  }

  /**
   * Argon2id parameters for this host: the most memory up to {@code memoryBudgetKiB} and the most
   * passes that still take at most {@code target}, never below {@link Argon2Parameters#OWASP_MINIMUM}.
   * Runs several real hashes (a few times {@code target}). See {@link Argon2Calibrator}.
   */
  public static Argon2Parameters calibrate(Duration target, int memoryBudgetKiB) {
    return Argon2Calibrator.system().calibrate(target, memoryBudgetKiB);
  }

  /**
   * Which implementation computes Argon2 in this JVM and why: libsodium and/or the reference
   * libargon2 through the FFM API when native access is enabled and their self-tests passed, else
   * Bouncy Castle. For logs and {@code bulwark password calibrate}; never a secret.
   */
  public static String argon2Implementation() {
    return Argon2Engines.describe();
  }

  /**
   * Hashes {@code password} under the policy. {@code password} itself is not modified.
   *
   * @return the PHC string to store
   * @throws IllegalArgumentException if the password is longer than {@value #MAX_PASSWORD_CHARS}
   *     chars or not valid Unicode, or (bcrypt) its UTF-8 form is over 72 bytes or contains a zero byte
   */
  public String hash(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException("password longer than " + MAX_PASSWORD_CHARS + " chars");
    }
    byte[] bytes;
    try {
      bytes = PasswordBytes.encode(password);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password is not valid Unicode (unpaired surrogate)", e);
    }
    byte[] input = null;
    byte[] digest = null;
    try {
      Optional<PasswordPepper> pepper = policy.pepper();
      input = pepper.isPresent() ? pepper.get().apply(pepper.get().currentId(), bytes).orElseThrow() : bytes.clone();
      String k = pepper.map(p -> ",k=" + p.currentId()).orElse("");
      switch (policy.algorithm()) {
        case ARGON2ID -> {
          Argon2Parameters a = policy.argon2();
          byte[] salt = salt(policy.saltBytes());
          digest = Kdfs.argon2(Kdfs.ARGON2ID, input, salt, a.memoryKiB(), a.iterations(), a.parallelism(), policy.hashBytes());
          return "$argon2id$v=19$m=" + a.memoryKiB() + ",t=" + a.iterations() + ",p=" + a.parallelism() + k
              + "$" + Phc.encode(salt) + "$" + Phc.encode(digest);
        }
        case SCRYPT -> {
          ScryptParameters s = policy.scrypt();
          byte[] salt = salt(policy.saltBytes());
          digest = Kdfs.scrypt(input, salt, s.log2N(), s.blockSize(), s.parallelism(), policy.hashBytes());
          return "$scrypt$ln=" + s.log2N() + ",r=" + s.blockSize() + ",p=" + s.parallelism() + k
              + "$" + Phc.encode(salt) + "$" + Phc.encode(digest);
        }
        case BCRYPT -> {
          if (input.length > BCRYPT_MAX_BYTES) {
            // CVE-2025-22228: bcrypt would silently ignore every byte after the 72nd.
            throw new IllegalArgumentException(
                "password is " + input.length + " UTF-8 bytes; bcrypt uses only 72: use Argon2id");
          }
          if (containsZero(input)) {
            throw new IllegalArgumentException("password contains U+0000, where C implementations of bcrypt stop");
          }
          return Kdfs.bcrypt("2b", input, salt(16), policy.bcryptCost());
        }
        default -> throw new IllegalStateException("policy algorithm cannot hash: " + policy.algorithm());
      }
    } finally {
      PasswordBytes.wipe(bytes);
      PasswordBytes.wipe(input);
      PasswordBytes.wipe(digest);
    }
  }

  /**
   * Checks {@code password} against {@code storedHash}.
   *
   * @return match or mismatch, and whether a match should be rehashed under the policy
   * @throws CryptoException if the stored hash is malformed, of an unknown algorithm or Argon2
   *     version, asks for more than the policy's {@link VerificationLimits}, or names a pepper id the
   *     policy does not have
   */
  public PasswordVerification verify(char[] password, String storedHash) throws CryptoException {
    Objects.requireNonNull(password, "password");
    StoredHash stored = StoredHash.parse(storedHash, policy.limits());
    if (password.length > MAX_PASSWORD_CHARS) {
      return PasswordVerification.mismatch();
    }
    byte[] bytes;
    try {
      bytes = PasswordBytes.encode(password);
    } catch (CharacterCodingException e) {
      return PasswordVerification.mismatch();
    }
    byte[] input = null;
    try {
      input = pepperInput(stored, bytes);
      Set<RehashReason> reasons = EnumSet.noneOf(RehashReason.class);
      boolean matches =
          switch (stored.algorithm()) {
            case ARGON2ID, ARGON2I, ARGON2D -> argon2Matches(stored, input);
            case SCRYPT -> scryptMatches(stored, input);
            case PBKDF2_SHA256 -> pbkdf2Matches(stored, password);
            case BCRYPT -> bcryptMatches(stored, input, reasons);
          };
      if (!matches) {
        return PasswordVerification.mismatch();
      }
      drift(stored, reasons);
      return PasswordVerification.match(reasons);
    } finally {
      PasswordBytes.wipe(bytes);
      PasswordBytes.wipe(input);
    }
  }

  private byte[] pepperInput(StoredHash stored, byte[] bytes) throws CryptoException {
    Optional<String> id = stored.pepperId();
    if (id.isEmpty()) {
      return bytes.clone();
    }
    Optional<byte[]> peppered = policy.pepper().flatMap(p -> p.apply(id.get(), bytes));
    if (peppered.isEmpty()) {
      throw new CryptoException("password hash names a pepper id that is not configured");
    }
    return peppered.get();
  }

  private static boolean argon2Matches(StoredHash stored, byte[] input) {
    int type =
        switch (stored.algorithm()) {
          case ARGON2I -> Kdfs.ARGON2I;
          case ARGON2D -> Kdfs.ARGON2D;
          default -> Kdfs.ARGON2ID;
        };
    Argon2Parameters a = stored.argon2();
    byte[] digest =
        Kdfs.argon2(type, input, stored.salt(), a.memoryKiB(), a.iterations(), a.parallelism(), stored.hashLength());
    try {
      return stored.digestEquals(digest);
    } finally {
      PasswordBytes.wipe(digest);
    }
  }

  private static boolean scryptMatches(StoredHash stored, byte[] input) {
    ScryptParameters s = stored.scrypt();
    byte[] digest = Kdfs.scrypt(input, stored.salt(), s.log2N(), s.blockSize(), s.parallelism(), stored.hashLength());
    try {
      return stored.digestEquals(digest);
    } finally {
      PasswordBytes.wipe(digest);
    }
  }

  private static boolean pbkdf2Matches(StoredHash stored, char[] password) throws CryptoException {
    char[] normalized = PasswordBytes.normalize(password);
    byte[] digest = null;
    try {
      digest = Kdfs.pbkdf2Sha256(normalized, stored.salt(), stored.pbkdf2Iterations(), stored.hashLength());
      return stored.digestEquals(digest);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("PBKDF2-HMAC-SHA256 failed", e);
    } finally {
      PasswordBytes.wipe(normalized);
      PasswordBytes.wipe(digest);
    }
  }

  private boolean bcryptMatches(StoredHash stored, byte[] input, Set<RehashReason> reasons) {
    if (containsZero(input)) {
      return false;
    }
    byte[] used = input;
    if (input.length > BCRYPT_MAX_BYTES) {
      if (!policy.legacyBcryptTruncation()) {
        return false; // CVE-2025-22228: never a silent match on the first 72 bytes
      }
      used = Arrays.copyOf(input, BCRYPT_MAX_BYTES);
      reasons.add(RehashReason.TRUNCATED_PASSWORD);
    }
    try {
      return stored.bcryptEquals(Kdfs.bcrypt(stored.bcryptVersion(), used, stored.salt(), stored.bcryptCost()));
    } finally {
      if (used != input) {
        PasswordBytes.wipe(used);
      }
    }
  }

  private void drift(StoredHash stored, Set<RehashReason> reasons) {
    PasswordAlgorithm algorithm = stored.algorithm();
    if (algorithm != policy.algorithm()
        || (algorithm == PasswordAlgorithm.BCRYPT && !"2b".equals(stored.bcryptVersion()))) {
      reasons.add(RehashReason.ALGORITHM);
    }
    if (algorithm == policy.algorithm()) {
      boolean parameters =
          switch (algorithm) {
            case ARGON2ID -> !stored.argon2().equals(policy.argon2());
            case SCRYPT -> !stored.scrypt().equals(policy.scrypt());
            case BCRYPT -> stored.bcryptCost() != policy.bcryptCost();
            default -> false;
          };
      if (parameters) {
        reasons.add(RehashReason.PARAMETERS);
      }
      if (algorithm != PasswordAlgorithm.BCRYPT
          && (stored.saltLength() != policy.saltBytes() || stored.hashLength() != policy.hashBytes())) {
        reasons.add(RehashReason.LENGTHS);
      }
    }
    Optional<PasswordPepper> pepper = policy.pepper();
    if (pepper.isPresent() && !stored.pepperId().equals(Optional.of(pepper.get().currentId()))) {
      reasons.add(RehashReason.PEPPER);
    }
  }

  private byte[] salt(int length) {
    byte[] salt = new byte[length];
    random.nextBytes(salt);
    return salt;
  }

  private static boolean containsZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "PasswordHasher[" + policy + "]";
  }
}
