/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive dev.bulwark.crypto;
  // Secrets: Vault KV v2 over the JDK HTTP client, its JSON responses through Jackson.
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  // Compile-time only, for the tests (which javac compiles into this module): the local server that
  // answers as Vault's KV v2 API. "static" keeps it out of the module graph at run time.
  requires static jdk.httpserver;

  exports dev.bulwark.guard;
  exports dev.bulwark.guard.secrets;
  exports dev.bulwark.guard.config;
}
