/** Bulwark authentication: password lifecycle and policy, JWT, API keys, one-time tokens, rate limits. */
module dev.bulwark.auth {
  requires transitive dev.bulwark.crypto;
  requires org.bouncycastle.provider;
  requires transitive java.sql;
  requires io.github.bucket4j.core;
  requires io.github.bucket4j.lettuce;
  requires io.github.bucket4j.redis.common;
  requires io.github.bucket4j.postgresql;
  requires lettuce.core;

  exports dev.bulwark.auth.password;
  exports dev.bulwark.auth.ratelimit;
  exports dev.bulwark.auth.throttle;
  exports dev.bulwark.auth.onetime;
  exports dev.bulwark.auth.apikey;
}
