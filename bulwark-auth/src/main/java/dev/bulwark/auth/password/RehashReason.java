package dev.bulwark.auth.password;

/** Why a matching stored hash should be replaced by a new hash under the current policy. */
public enum RehashReason {
  /** The stored hash uses another algorithm (or another bcrypt variant than {@code $2b$}). */
  ALGORITHM,
  /** A cost parameter differs: Argon2 m, t or p; bcrypt cost; scrypt N, r or p. */
  PARAMETERS,
  /** The salt or the digest has another length than the policy's. */
  LENGTHS,
  /** The hash has no pepper but the policy has one, or it names a retired pepper id. */
  PEPPER,
  /** A legacy bcrypt hash matched on the first 72 bytes of a longer password. */
  TRUNCATED_PASSWORD
}
