/** Bulwark channel: the post-quantum secure multi-stream channel. */
module dev.bulwark.channel {
  requires transitive dev.bulwark.crypto;
}
