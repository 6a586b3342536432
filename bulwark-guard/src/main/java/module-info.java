/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive dev.bulwark.crypto;
  // Secrets: Vault KV v2 over the JDK HTTP client, its JSON responses through Jackson.
  requires com.fasterxml.jackson.databind;
  requires java.net.http;

  exports dev.bulwark.guard;
  exports dev.bulwark.guard.secrets;
  exports dev.bulwark.guard.config;
}
