/** Bulwark benchmarks (JMH) and load drivers. Run them with bulwark-bench/run. */
module dev.bulwark.bench {
  requires dev.bulwark.crypto;
  requires dev.bulwark.auth;
  requires dev.bulwark.guard;
  requires dev.bulwark.channel;
  requires dev.bulwark.audit;
  requires dev.bulwark.cli;
  // The server benchmark (dev.bulwark.bench.server) starts the real server and a bare Javalin app.
  requires dev.bulwark.server;
  requires java.net.http;
  // The server benchmark starts the bare target in a JVM of its own with the same JVM options.
  requires java.management;
  requires jmh.core;
  // nimbus-jose-jwt called directly: the bar for the JWT wrapper's overhead.
  requires com.nimbusds.jose.jwt;
  // Bouncy Castle's lightweight BLAKE2b, measured directly as the bar for ours.
  requires org.bouncycastle.provider;

  opens dev.bulwark.bench.aead to jmh.core;
  opens dev.bulwark.bench.channel to jmh.core;
  opens dev.bulwark.bench.agreement to jmh.core;
  opens dev.bulwark.bench.fernet to jmh.core;
  opens dev.bulwark.bench.hash to jmh.core;
  opens dev.bulwark.bench.jwt to jmh.core;
  opens dev.bulwark.bench.kem to jmh.core;
  opens dev.bulwark.bench.mac to jmh.core;
  opens dev.bulwark.bench.password to jmh.core;
  opens dev.bulwark.bench.signature to jmh.core;
  opens dev.bulwark.bench.tokens to jmh.core;
}
