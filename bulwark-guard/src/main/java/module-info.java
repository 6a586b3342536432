/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive dev.bulwark.crypto;
  requires org.apache.tika.core;
  requires transitive org.slf4j;
  requires transitive com.fasterxml.jackson.core;
  requires logstash.logback.encoder;

  exports dev.bulwark.guard;
  exports dev.bulwark.guard.auditlog;
  exports dev.bulwark.guard.errors;
  exports dev.bulwark.guard.exec;
  exports dev.bulwark.guard.files;
  exports dev.bulwark.guard.logging;
}
