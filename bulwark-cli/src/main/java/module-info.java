/** The {@code bulwark} command line. */
module dev.bulwark.cli {
  requires dev.bulwark.auth;
  requires dev.bulwark.crypto;
  requires dev.bulwark.audit;
  requires dev.bulwark.guard;
  requires dev.bulwark.channel;
  requires dev.bulwark.server;
  requires info.picocli;

  // picocli fills the annotated command classes by reflection.
  opens dev.bulwark.cli to info.picocli;
  opens dev.bulwark.cli.keyset to info.picocli;
  opens dev.bulwark.cli.token to info.picocli;
  opens dev.bulwark.cli.fernet to info.picocli;
  opens dev.bulwark.cli.hash to info.picocli;
  opens dev.bulwark.cli.audit to info.picocli;
  opens dev.bulwark.cli.password to info.picocli;
  opens dev.bulwark.cli.jwt to info.picocli;
  opens dev.bulwark.cli.config to info.picocli;
  opens dev.bulwark.cli.channel to info.picocli;
}
