package dev.bulwark.channel;

import dev.bulwark.crypto.ConstantTime;
import java.util.Base64;
import java.util.Objects;

/**
 * A pin of a server's identity: {@code bwch1_} and the unpadded base64url SHA-256 of its identity
 * block (the Ed25519 key, and the ML-DSA-65 key when the identity has one; docs/channel-protocol.md
 * §1). Public information, safe to print and paste. A pin that includes an ML-DSA-65 key also
 * refuses a server that stops presenting it. Immutable and thread-safe.
 *
 * {@snippet :
 * ChannelPin pin = ChannelPin.parse("bwch1_...");
 * }
 */
public final class ChannelPin {
  /** The textual prefix, versioned with the protocol. */
  public static final String PREFIX = "bwch1_";
  private static final int DIGEST_BYTES = 32;
  private final byte[] digest;

  private ChannelPin(byte[] digest) {
    this.digest = digest;
  }

  /**
   * Parses a pin as printed by {@link #toString()} or {@code bulwark channel keygen}.
   *
   * @throws IllegalArgumentException if the text is not a v1 pin
   */
  public static ChannelPin parse(String text) {
    Objects.requireNonNull(text, "text");
    String trimmed = text.strip();
    if (!trimmed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a channel pin starts with " + PREFIX);
    }
    byte[] digest;
    try {
      digest = Base64.getUrlDecoder().decode(trimmed.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a channel pin is " + PREFIX + " and 43 base64url characters", e);
    }
    if (digest.length != DIGEST_BYTES || trimmed.length() != PREFIX.length() + 43) {
      throw new IllegalArgumentException("a channel pin is " + PREFIX + " and 43 base64url characters");
    }
    return new ChannelPin(digest);
  }

  /** A pin of a digest computed by the handshake (32 bytes). */
  static ChannelPin ofDigest(byte[] digest) {
    if (digest.length != DIGEST_BYTES) {
      throw new IllegalArgumentException("a pin digest is 32 bytes");
    }
    return new ChannelPin(digest.clone());
  }

  /** Whether this pin names the identity whose digest is given, in constant time. */
  boolean matchesDigest(byte[] otherDigest) {
    return ConstantTime.equals(digest, otherDigest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelPin other && ConstantTime.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest);
  }

  /** The pin text, {@code bwch1_...}. */
  @Override
  public String toString() {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }
}
