package dev.bulwark.auth.password;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@link PasswordHasher#verify}: the password matched or it did not, and, when it
 * matched, whether the stored hash should be replaced by {@link PasswordHasher#hash} of the same
 * password (now, while the plaintext is at hand).
 *
 * <p>A mismatch is an ordinary answer, not an exception; a stored hash that cannot be read is a
 * {@link dev.bulwark.crypto.CryptoException}. A mismatch never asks for a rehash.
 *
 * <p>Immutable.
 */
public final class PasswordVerification {
  private static final PasswordVerification MISMATCH = new PasswordVerification(false, EnumSet.noneOf(RehashReason.class));

  private final boolean matches;
  private final Set<RehashReason> reasons;

  private PasswordVerification(boolean matches, Set<RehashReason> reasons) {
    this.matches = matches;
    EnumSet<RehashReason> copy = EnumSet.noneOf(RehashReason.class);
    copy.addAll(reasons);
    this.reasons = Collections.unmodifiableSet(copy);
  }

  static PasswordVerification mismatch() {
    return MISMATCH;
  }

  static PasswordVerification match(Set<RehashReason> reasons) {
    return new PasswordVerification(true, Objects.requireNonNull(reasons, "reasons"));
  }

  /** True if the password is the one the stored hash was made from. */
  public boolean matches() {
    return matches;
  }

  /** True if the password matched and the stored hash differs from the current policy. */
  public boolean needsRehash() {
    return matches && !reasons.isEmpty();
  }

  /** Why a rehash is needed, in declaration order; empty on a mismatch or when the hash is current. */
  public Set<RehashReason> rehashReasons() {
    return reasons;
  }

  @Override
  public String toString() {
    return matches ? "PasswordVerification[match, rehash=" + reasons + "]" : "PasswordVerification[mismatch]";
  }
}
