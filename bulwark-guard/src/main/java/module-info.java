/** Bulwark guard: safe parsing, validation, files, redacting logs, audit chain, secrets and configuration. */
module dev.bulwark.guard {
  requires transitive dev.bulwark.crypto;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive jakarta.validation;
  requires transitive java.xml;
  requires org.hibernate.validator;
  requires owasp.encoder;
  requires org.snakeyaml.engine;
  requires owasp.java.html.sanitizer;

  exports dev.bulwark.guard;
  exports dev.bulwark.guard.html;
  exports dev.bulwark.guard.json;
  exports dev.bulwark.guard.serial;
  exports dev.bulwark.guard.signed;
  exports dev.bulwark.guard.validation;
  exports dev.bulwark.guard.xml;
  exports dev.bulwark.guard.yaml;


  uses dev.bulwark.guard.validation.PasswordChecker;
}
