package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.VerifyingKey;
import java.nio.charset.StandardCharsets;

/**
 * A server's public identity as the ServerHello carries it: flags, Ed25519 key, optional ML-DSA-65
 * key (docs/channel-protocol.md §1). Immutable.
 *
 * @param ed25519 the Ed25519 verifying key
 * @param mlDsa the ML-DSA-65 verifying key, or {@code null}
 */
public record IdentityBlock(VerifyingKey ed25519, VerifyingKey mlDsa) {
  /** Flag bit 0: an ML-DSA-65 key and signature follow. */
  public static final int FLAG_ML_DSA = 0x01;
  public static final int ED25519_PUBLIC_BYTES = 32;
  public static final int ML_DSA_PUBLIC_BYTES = 1952;
  public static final int ED25519_SIGNATURE_BYTES = 64;
  public static final int ML_DSA_SIGNATURE_BYTES = 3309;
  private static final byte[] PIN_LABEL = "bulwark channel v1 identity\0".getBytes(StandardCharsets.US_ASCII);

  /** The encoded block: flags || Ed25519 key || optional ML-DSA-65 key. */
  public byte[] encode() {
    byte[] ed = ed25519.exportRaw();
    byte[] ml = mlDsa == null ? new byte[0] : mlDsa.exportRaw();
    byte[] out = new byte[1 + ed.length + ml.length];
    out[0] = (byte) (mlDsa == null ? 0 : FLAG_ML_DSA);
    System.arraycopy(ed, 0, out, 1, ed.length);
    System.arraycopy(ml, 0, out, 1 + ed.length, ml.length);
    return out;
  }

  /** The 32-byte digest a pin names. */
  public byte[] digest() {
    byte[] block = encode();
    byte[] input = new byte[PIN_LABEL.length + block.length];
    System.arraycopy(PIN_LABEL, 0, input, 0, PIN_LABEL.length);
    System.arraycopy(block, 0, input, PIN_LABEL.length, block.length);
    return Digests.digest(DigestAlgorithm.SHA256, input);
  }

  /** Reads the block from a reader positioned at the flags byte. */
  static IdentityBlock read(WireReader in) throws ChannelException {
    int flags = in.u8();
    if ((flags & ~FLAG_ML_DSA) != 0) {
      throw new ChannelException("handshake: unknown identity flags");
    }
    try {
      VerifyingKey ed = VerifyingKey.fromRaw(SignatureAlgorithm.ED25519, in.bytes(ED25519_PUBLIC_BYTES));
      VerifyingKey ml = (flags & FLAG_ML_DSA) != 0
          ? VerifyingKey.fromRaw(SignatureAlgorithm.ML_DSA_65, in.bytes(ML_DSA_PUBLIC_BYTES))
          : null;
      return new IdentityBlock(ed, ml);
    } catch (CryptoException e) {
      throw new ChannelException("handshake: malformed identity key", e);
    }
  }
}
