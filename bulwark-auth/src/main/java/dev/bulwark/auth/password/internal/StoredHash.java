package dev.bulwark.auth.password.internal;

import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.auth.password.PasswordAlgorithm;
import dev.bulwark.auth.password.ScryptParameters;
import dev.bulwark.auth.password.VerificationLimits;
import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored password hash, parsed strictly and with every cost parameter checked against {@link
 * VerificationLimits} before anything is computed or allocated. Formats (docs/passwords.md):
 *
 * <pre>
 * $argon2id$v=19$m=65536,t=3,p=4[,k=ID]$salt$hash     (also argon2i, argon2d)
 * $2b$12$&lt;22 salt chars&gt;&lt;31 hash chars&gt;                (also $2a$, $2y$)
 * $scrypt$ln=17,r=8,p=1[,k=ID]$salt$hash
 * $pbkdf2-sha256$i=600000$salt$hash                     (or passlib's $pbkdf2-sha256$600000$...)
 * </pre>
 *
 * <p>Immutable.
 */
public final class StoredHash {
  private static final Pattern BCRYPT = Pattern.compile("\\$(2[aby])\\$([0-9]{2})\\$([./A-Za-z0-9]{53})");
  private static final List<String> PEPPER = List.of("k");

  private final PasswordAlgorithm algorithm;
  private final Argon2Parameters argon2;
  private final String bcryptVersion;
  private final int bcryptCost;
  private final ScryptParameters scrypt;
  private final int pbkdf2Iterations;
  private final String pepperId;
  private final byte[] salt;
  private final byte[] hash;
  private final String bcryptHashChars;

  private StoredHash(
      PasswordAlgorithm algorithm,
      Argon2Parameters argon2,
      String bcryptVersion,
      int bcryptCost,
      ScryptParameters scrypt,
      int pbkdf2Iterations,
      String pepperId,
      byte[] salt,
      byte[] hash,
      String bcryptHashChars) {
    this.algorithm = algorithm;
    this.argon2 = argon2;
    this.bcryptVersion = bcryptVersion;
    this.bcryptCost = bcryptCost;
    this.scrypt = scrypt;
    this.pbkdf2Iterations = pbkdf2Iterations;
    this.pepperId = pepperId;
    this.salt = salt;
    this.hash = hash;
    this.bcryptHashChars = bcryptHashChars;
  }

  /**
   * Parses {@code stored}.
   *
   * @throws CryptoException if it is malformed, of an unknown algorithm, or asks for more than
   *     {@code limits}
   */
  public static StoredHash parse(String stored, VerificationLimits limits) throws CryptoException {
    if (stored == null || stored.isEmpty() || stored.length() > VerificationLimits.MAX_STORED_LENGTH) {
      throw new CryptoException("malformed password hash: empty or longer than " + VerificationLimits.MAX_STORED_LENGTH);
    }
    if (stored.charAt(0) != '$') {
      throw new CryptoException("malformed password hash: does not start with $");
    }
    int end = stored.indexOf('$', 1);
    String id = end < 0 ? stored.substring(1) : stored.substring(1, end);
    return switch (id) {
      case "argon2id" -> argon2(stored, PasswordAlgorithm.ARGON2ID, limits);
      case "argon2i" -> argon2(stored, PasswordAlgorithm.ARGON2I, limits);
      case "argon2d" -> argon2(stored, PasswordAlgorithm.ARGON2D, limits);
      case "2a", "2b", "2y" -> bcrypt(stored, limits);
      case "scrypt" -> scrypt(stored, limits);
      case "pbkdf2-sha256" -> pbkdf2(stored, limits);
      default -> throw new CryptoException("unsupported password hash algorithm");
    };
  }

  private static StoredHash argon2(String stored, PasswordAlgorithm algorithm, VerificationLimits limits)
      throws CryptoException {
    String[] f = Phc.fields(stored, 5);
    if (!f[1].equals("v=19")) {
      throw new CryptoException("unsupported Argon2 version (only v=19, RFC 9106)");
    }
    Map<String, String> p = Phc.params(f[2], List.of("m", "t", "p"), PEPPER);
    int lanes = Phc.number(p.get("p"), "Argon2 p", 1, limits.maxArgon2Parallelism());
    int memory = Phc.number(p.get("m"), "Argon2 m", 8L * lanes, limits.maxArgon2MemoryKiB());
    int iterations = Phc.number(p.get("t"), "Argon2 t", 1, limits.maxArgon2Iterations());
    String pepperId = pepperId(p);
    byte[] salt = Phc.base64(f[3], VerificationLimits.MIN_SALT_BYTES, VerificationLimits.MAX_SALT_BYTES, "salt");
    byte[] hash = Phc.base64(f[4], VerificationLimits.MIN_HASH_BYTES, VerificationLimits.MAX_HASH_BYTES, "hash");
    return new StoredHash(
        algorithm, new Argon2Parameters(memory, iterations, lanes), null, 0, null, 0, pepperId, salt, hash, null);
  }

  private static StoredHash bcrypt(String stored, VerificationLimits limits) throws CryptoException {
    var m = BCRYPT.matcher(stored);
    if (!m.matches()) {
      throw new CryptoException("malformed password hash: not a bcrypt string");
    }
    // Two digits at most, so no overflow is possible; bounded before bcrypt's 2^cost loop runs
    // (CVE-2022-22976: Spring computed 1 << 31 as a negative round count and ran zero rounds).
    int cost = Phc.number(m.group(2).startsWith("0") ? m.group(2).substring(1) : m.group(2), "bcrypt cost",
        VerificationLimits.BCRYPT_MIN_COST, limits.maxBcryptCost());
    byte[] salt = BcryptBase64.decode(m.group(3).substring(0, 22), 16);
    return new StoredHash(PasswordAlgorithm.BCRYPT, null, m.group(1), cost, null, 0, null, salt, null,
        m.group(3).substring(22));
  }

  private static StoredHash scrypt(String stored, VerificationLimits limits) throws CryptoException {
    String[] f = Phc.fields(stored, 4);
    Map<String, String> p = Phc.params(f[1], List.of("ln", "r", "p"), PEPPER);
    int log2N = Phc.number(p.get("ln"), "scrypt ln", 1, 30);
    int r = Phc.number(p.get("r"), "scrypt r", 1, 255);
    int lanes = Phc.number(p.get("p"), "scrypt p", 1, limits.maxScryptParallelism());
    ScryptParameters parameters = new ScryptParameters(log2N, r, lanes);
    if (parameters.memoryBytes() > limits.maxScryptMemoryBytes()) {
      throw new CryptoException("password hash out of bounds: scrypt memory over " + limits.maxScryptMemoryBytes());
    }
    String pepperId = pepperId(p);
    byte[] salt = Phc.base64(f[2], VerificationLimits.MIN_SALT_BYTES, VerificationLimits.MAX_SALT_BYTES, "salt");
    byte[] hash = Phc.base64(f[3], VerificationLimits.MIN_HASH_BYTES, VerificationLimits.MAX_HASH_BYTES, "hash");
    return new StoredHash(PasswordAlgorithm.SCRYPT, null, null, 0, parameters, 0, pepperId, salt, hash, null);
  }

  private static StoredHash pbkdf2(String stored, VerificationLimits limits) throws CryptoException {
    String[] f = Phc.fields(stored, 4);
    String rounds = f[1].startsWith("i=") ? f[1].substring(2) : f[1];
    int iterations = Phc.number(rounds, "PBKDF2 iterations", 1, limits.maxPbkdf2Iterations());
    // passlib writes its "adapted base64" with '.' for '+'; both spellings are accepted.
    byte[] salt = Phc.base64(f[2].replace('.', '+'), VerificationLimits.MIN_SALT_BYTES, VerificationLimits.MAX_SALT_BYTES, "salt");
    byte[] hash = Phc.base64(f[3].replace('.', '+'), VerificationLimits.MIN_HASH_BYTES, VerificationLimits.MAX_HASH_BYTES, "hash");
    return new StoredHash(PasswordAlgorithm.PBKDF2_SHA256, null, null, 0, null, iterations, null, salt, hash, null);
  }

  private static String pepperId(Map<String, String> params) throws CryptoException {
    String id = params.get("k");
    if (id != null && !id.matches("[A-Za-z0-9-]{1,32}")) {
      throw new CryptoException("malformed password hash: bad pepper id");
    }
    return id;
  }

  public PasswordAlgorithm algorithm() {
    return algorithm;
  }

  /** Argon2 parameters, for Argon2 hashes. */
  public Argon2Parameters argon2() {
    return argon2;
  }

  /** {@code 2a}, {@code 2b} or {@code 2y}, for bcrypt hashes. */
  public String bcryptVersion() {
    return bcryptVersion;
  }

  public int bcryptCost() {
    return bcryptCost;
  }

  public ScryptParameters scrypt() {
    return scrypt;
  }

  public int pbkdf2Iterations() {
    return pbkdf2Iterations;
  }

  /** The pepper id the hash names, if any. */
  public Optional<String> pepperId() {
    return Optional.ofNullable(pepperId);
  }

  /** A copy of the salt. */
  public byte[] salt() {
    return salt.clone();
  }

  public int saltLength() {
    return salt.length;
  }

  /** Digest length in bytes (bcrypt: 23). */
  public int hashLength() {
    return hash == null ? 23 : hash.length;
  }

  /** Constant-time comparison of a computed digest with the stored one. */
  public boolean digestEquals(byte[] computed) {
    return hash != null && ConstantTime.equals(hash, computed);
  }

  /** Constant-time comparison of the 31 digest characters of a computed bcrypt string. */
  public boolean bcryptEquals(String computed) {
    return bcryptHashChars != null
        && computed.length() == 60
        && ConstantTime.equals(bcryptHashChars, computed.substring(29));
  }
}
