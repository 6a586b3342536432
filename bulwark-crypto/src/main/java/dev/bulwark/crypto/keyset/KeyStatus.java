package dev.bulwark.crypto.keyset;

/** The life cycle of a key in a {@link Keyset}. */
public enum KeyStatus {
  /** Decrypts; encrypts too if it is the primary. */
  ENABLED,
  /**
   * Kept but unusable: ciphertexts under it are refused until it is enabled again. The step to take
   * before destroying a key, to find out whether anything still needs it.
   */
  DISABLED,
  /**
   * The material is gone for good; the id stays so that ciphertexts under it fail with a clear
   * message rather than "unknown key".
   */
  DESTROYED
}
