/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive dev.bulwark.crypto;
  requires transitive jakarta.validation;
  requires transitive java.xml;
  requires transitive org.slf4j;
  // Secrets: Vault KV v2 over the JDK HTTP client (its JSON responses through Jackson, above).
  requires java.net.http;
  requires logstash.logback.encoder;
  requires org.apache.tika.core;
  requires org.hibernate.validator;
  requires org.snakeyaml.engine;
  requires owasp.encoder;
  requires owasp.java.html.sanitizer;
  // Compile-time only, for the tests (which javac compiles into this module): the local server that
  // answers as Vault's KV v2 API. "static" keeps it out of the module graph at run time.
  requires static jdk.httpserver;

  exports dev.bulwark.guard.auditlog;
  exports dev.bulwark.guard.config;
  exports dev.bulwark.guard.errors;
  exports dev.bulwark.guard.exec;
  exports dev.bulwark.guard.files;
  exports dev.bulwark.guard.html;
  exports dev.bulwark.guard.json;
  exports dev.bulwark.guard.logging;
  exports dev.bulwark.guard.secrets;
  exports dev.bulwark.guard.serial;
  exports dev.bulwark.guard.signed;
  exports dev.bulwark.guard.validation;
  exports dev.bulwark.guard.xml;
  exports dev.bulwark.guard.yaml;
  exports dev.bulwark.guard;

  uses dev.bulwark.guard.validation.PasswordChecker;
}
