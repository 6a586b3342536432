/** Bulwark authentication: password lifecycle and policy, JWT, API keys, one-time tokens, rate limits. */
module dev.bulwark.auth {
  requires transitive dev.bulwark.crypto;
  requires org.bouncycastle.provider;
  requires com.nulabinc.zxcvbn;
  requires java.net.http;

  exports dev.bulwark.auth.password;
  exports dev.bulwark.auth.policy;
  exports dev.bulwark.auth.breached;
}
