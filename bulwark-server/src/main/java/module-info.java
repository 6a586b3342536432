/** Bulwark server: the hardened HTTP service. */
module dev.bulwark.server {
  requires transitive dev.bulwark.crypto;
  requires transitive dev.bulwark.auth;
  requires transitive dev.bulwark.guard;
  requires transitive dev.bulwark.channel;
  requires transitive dev.bulwark.audit;
}
