package dev.bulwark.channel;

import dev.bulwark.channel.internal.IdentityBlock;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A server's static identity: an Ed25519 signing key, and optionally an ML-DSA-65 key as well, so
 * that the handshake stays authenticated if either signature scheme falls. The client pins
 * {@link #pin()}. The private form ({@link #insecureExport()}) is a small text file holding the two
 * 32-byte seeds; keep it like any private key (mode 0600, never in a repository).
 *
 * {@snippet :
 * ChannelIdentity identity = ChannelIdentity.generate(true);   // Ed25519 + ML-DSA-65
 * String pin = identity.pin().toString();                      // give this to clients
 * }
 *
 * <p>Thread-safe; {@link #destroy()} zeroes the seeds.
 */
public final class ChannelIdentity implements Destroyable {
  private static final String HEADER = "bulwark-channel-identity-v1";
  private static final int SEED_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] ed25519Seed;
  private final byte[] mlDsaSeed;
  private final SigningKey ed25519;
  private final SigningKey mlDsa;
  private volatile boolean destroyed;

  private ChannelIdentity(byte[] ed25519Seed, byte[] mlDsaSeed) throws CryptoException {
    this.ed25519Seed = ed25519Seed;
    this.mlDsaSeed = mlDsaSeed;
    this.ed25519 = SigningKey.fromRaw(SignatureAlgorithm.ED25519, ed25519Seed);
    this.mlDsa = mlDsaSeed == null ? null : SigningKey.fromMlDsaSeed(mlDsaSeed);
  }

  /**
   * A fresh identity.
   *
   * @param withMlDsa whether to add an ML-DSA-65 key (post-quantum authentication; +5 KiB handshake)
   */
  public static ChannelIdentity generate(boolean withMlDsa) {
    byte[] ed = new byte[SEED_BYTES];
    RANDOM.nextBytes(ed);
    byte[] ml = null;
    if (withMlDsa) {
      ml = new byte[SEED_BYTES];
      RANDOM.nextBytes(ml);
    }
    try {
      return new ChannelIdentity(ed, ml);
    } catch (CryptoException e) {
      throw new IllegalStateException("a fresh Ed25519 seed was refused", e);
    }
  }

  /**
   * Reads the private form written by {@link #insecureExport()}.
   *
   * @throws ChannelException if the text is not a v1 identity (the message never quotes it)
   */
  public static ChannelIdentity parse(byte[] text) throws ChannelException {
    Objects.requireNonNull(text, "text");
    String[] lines = new String(text, StandardCharsets.US_ASCII).strip().split("\\R");
    if (lines.length < 2 || lines.length > 3 || !lines[0].equals(HEADER)) {
      throw new ChannelException("not a " + HEADER + " file");
    }
    byte[] ed = seed(lines[1], "ed25519 ");
    byte[] ml = lines.length == 3 ? seed(lines[2], "ml-dsa-65 ") : null;
    try {
      return new ChannelIdentity(ed, ml);
    } catch (CryptoException e) {
      throw new ChannelException("identity file holds an invalid key");
    }
  }

  private static byte[] seed(String line, String prefix) throws ChannelException {
    if (!line.startsWith(prefix)) {
      throw new ChannelException("identity file: expected a '" + prefix.strip() + "' line");
    }
    byte[] seed;
    try {
      seed = Base64.getDecoder().decode(line.substring(prefix.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new ChannelException("identity file: a seed is not base64");
    }
    if (seed.length != SEED_BYTES) {
      throw new ChannelException("identity file: a seed is not 32 bytes");
    }
    return seed;
  }

  /** The private form (both seeds). For a protected file only. */
  public byte[] insecureExport() {
    checkLive();
    String text = HEADER + "\ned25519 " + Base64.getEncoder().encodeToString(ed25519Seed) + "\n"
        + (mlDsaSeed == null ? "" : "ml-dsa-65 " + Base64.getEncoder().encodeToString(mlDsaSeed) + "\n");
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The pin clients use to recognise this server. */
  public ChannelPin pin() {
    return ChannelPin.ofDigest(new IdentityBlock(ed25519.verifyingKey(), mlDsa == null ? null : mlDsa.verifyingKey()).digest());
  }

  /** Whether the identity carries an ML-DSA-65 key. */
  public boolean hasMlDsa() {
    return mlDsa != null;
  }

  SigningKey ed25519() {
    checkLive();
    return ed25519;
  }

  SigningKey mlDsa() {
    checkLive();
    return mlDsa;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("identity destroyed");
    }
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(ed25519Seed, (byte) 0);
    if (mlDsaSeed != null) {
      Arrays.fill(mlDsaSeed, (byte) 0);
    }
    ed25519.destroy();
    if (mlDsa != null) {
      mlDsa.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "ChannelIdentity[" + pin() + "]";
  }
}
