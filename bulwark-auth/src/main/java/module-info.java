/** Bulwark authentication: password lifecycle and policy, JWT, API keys, one-time tokens, rate limits. */
module dev.bulwark.auth {
  requires transitive dev.bulwark.crypto;
  requires org.bouncycastle.provider;
  requires com.nimbusds.jose.jwt;

  exports dev.bulwark.auth.password;
  exports dev.bulwark.auth.jwt;
}
