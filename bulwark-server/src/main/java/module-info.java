/** Bulwark server: the hardened HTTP service (DESIGN.md section 5). */
module dev.bulwark.server {
  requires transitive dev.bulwark.crypto;
  requires transitive dev.bulwark.auth;
  requires transitive dev.bulwark.guard;
  requires transitive dev.bulwark.channel;
  requires transitive dev.bulwark.audit;
  requires transitive io.javalin;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  // Flyway ships no module name: this one is derived from the jar file name (flyway-core).
  requires flyway.core;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.slf4j;
  // Account mail over SMTP (STARTTLS required) and the .eml outbox: Jakarta Mail, Angus provider.
  requires jakarta.mail;
  // Shared rate limits (ratelimit.redis): the Lettuce client auth's Redis backend runs on.
  requires lettuce.core;

  exports dev.bulwark.server;
  exports dev.bulwark.server.audit;
  exports dev.bulwark.server.apikeys;
  exports dev.bulwark.server.config;
  exports dev.bulwark.server.files;
  exports dev.bulwark.server.http;
  exports dev.bulwark.server.keys;
  exports dev.bulwark.server.metrics;
  exports dev.bulwark.server.secrets;
  exports dev.bulwark.server.storage;
  exports dev.bulwark.server.tls;
  exports dev.bulwark.server.transit;
  exports dev.bulwark.server.accounts;
  exports dev.bulwark.server.mail;
  exports dev.bulwark.server.sessions;

  // The account forms are records that Jackson reads and Hibernate Validator checks reflectively.
  opens dev.bulwark.server.accounts to com.fasterxml.jackson.databind, org.hibernate.validator;
}
