/** Bulwark authentication: password lifecycle and policy, JWT, API keys, one-time tokens, rate limits. */
module dev.bulwark.auth {
  requires transitive dev.bulwark.crypto;
  requires transitive java.sql;
  requires com.nimbusds.jose.jwt;
  requires com.nulabinc.zxcvbn;
  requires io.github.bucket4j.core;
  requires io.github.bucket4j.lettuce;
  requires io.github.bucket4j.postgresql;
  requires io.github.bucket4j.redis.common;
  requires java.net.http;
  requires lettuce.core;
  requires org.bouncycastle.provider;

  exports dev.bulwark.auth.apikey;
  exports dev.bulwark.auth.breached;
  exports dev.bulwark.auth.jwt;
  exports dev.bulwark.auth.onetime;
  exports dev.bulwark.auth.password;
  exports dev.bulwark.auth.policy;
  exports dev.bulwark.auth.ratelimit;
  exports dev.bulwark.auth.throttle;
}
