package dev.bulwark.server.http;

/** Which rate-limit budget a route draws on (issue 7: stricter on credential routes). */
public enum RateClass {
  /** Ordinary API calls: per identity, then per address. */
  STANDARD,
  /** Login, registration, refresh, password forgot/reset/change, verification: much tighter. */
  CREDENTIAL
}
