package dev.bulwark.crypto.agreement;

/**
 * Elliptic-curve Diffie-Hellman key agreement algorithms. Each key is pinned to one.
 *
 * <ul>
 *   <li>{@link #X25519}: RFC 7748, through Bouncy Castle's implementation (the JDK's is about 4× slower
 *       than OpenSSL on our CPUs; see PERF-TARGETS.md). An all-zero result (a small-order peer key) is
 *       rejected.
 *   <li>{@link #ECDH_P256}: NIST P-256 ECDH through the JDK's SunEC provider, with the peer's point
 *       validated on import (invalid-curve attacks).
 * </ul>
 */
public enum KeyAgreementAlgorithm {
  X25519,
  ECDH_P256
}
