/** Bulwark authentication: password lifecycle and policy, JWT, API keys, one-time tokens, rate limits. */
module dev.bulwark.auth {
  requires transitive dev.bulwark.crypto;
  requires org.bouncycastle.provider;

  exports dev.bulwark.auth.password;
}
