/**
 * Bulwark channel: the post-quantum secure multi-stream channel (docs/channel.md,
 * docs/channel-protocol.md). Only {@code dev.bulwark.channel} is API; the protocol machinery in
 * {@code dev.bulwark.channel.internal} is not exported.
 */
module dev.bulwark.channel {
  requires transitive dev.bulwark.crypto;

  exports dev.bulwark.channel;
}
