package dev.bulwark.auth.password;

/**
 * The password-hashing functions {@link PasswordHasher} knows. Three can make new hashes; the others
 * are verified only, so that a user base can migrate from them (every match reports {@code
 * needsRehash}).
 */
public enum PasswordAlgorithm {
  /** Argon2id (RFC 9106), the default: memory-hard, resists both GPU and side-channel attacks. */
  ARGON2ID("argon2id", true),
  /** bcrypt ({@code $2b$}; {@code $2a$}/{@code $2y$} verified): CPU-hard only, 72-byte input limit. */
  BCRYPT("2b", true),
  /** scrypt in the PHC form {@code $scrypt$ln=..,r=..,p=..$salt$hash} (passlib's format). */
  SCRYPT("scrypt", true),
  /** Argon2i: verified only (data-independent, weaker against GPU attacks than Argon2id). */
  ARGON2I("argon2i", false),
  /** Argon2d: verified only (data-dependent memory access, side-channel exposure). */
  ARGON2D("argon2d", false),
  /** PBKDF2-HMAC-SHA256 in passlib's form: verified only, for migration (not memory-hard). */
  PBKDF2_SHA256("pbkdf2-sha256", false);

  private final String phcId;
  private final boolean canHash;

  PasswordAlgorithm(String phcId, boolean canHash) {
    this.phcId = phcId;
    this.canHash = canHash;
  }

  /** The identifier after the first {@code $} of a stored hash. */
  public String phcId() {
    return phcId;
  }

  /** True if {@link PasswordHasher} can make new hashes with this algorithm. */
  public boolean canHash() {
    return canHash;
  }
}
