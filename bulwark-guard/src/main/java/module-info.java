/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive dev.bulwark.crypto;

  exports dev.bulwark.guard;
}
