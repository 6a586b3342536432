package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import java.io.ByteArrayOutputStream;

/**
 * The ServerHello (docs/channel-protocol.md §1): chosen version and suite, random, ephemeral
 * X25519 key, ML-KEM-768 ciphertext, identity block and signatures. Immutable.
 *
 * @param signedPrefix the frame bytes up to the first signature (what {@code TH_sig} hashes)
 * @param frame the whole frame
 */
public record ServerHello(
    int version,
    int suite,
    byte[] random,
    byte[] x25519,
    byte[] mlKemCiphertext,
    IdentityBlock identity,
    byte[] ed25519Signature,
    byte[] mlDsaSignature,
    byte[] signedPrefix,
    byte[] frame) {
  public static final int ML_KEM_CIPHERTEXT_BYTES = 1088;

  /** The frame up to the signatures; the header's length already counts the signatures. */
  static byte[] unsignedFrame(
      int version, int suite, byte[] random, byte[] x25519, byte[] ciphertext, IdentityBlock identity) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ClientHello.writeU16(body, version);
    ClientHello.writeU16(body, suite);
    body.writeBytes(random);
    body.writeBytes(x25519);
    body.writeBytes(ciphertext);
    body.writeBytes(identity.encode());
    byte[] b = body.toByteArray();
    int signatures = IdentityBlock.ED25519_SIGNATURE_BYTES
        + (identity.mlDsa() == null ? 0 : IdentityBlock.ML_DSA_SIGNATURE_BYTES);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(HandshakeFrame.header(HandshakeFrame.SERVER_HELLO, b.length + signatures));
    frame.writeBytes(b);
    return frame.toByteArray();
  }

  /**
   * Parses a whole frame strictly.
   *
   * @throws ChannelException if anything is malformed (sizes, flags, keys, trailing bytes)
   */
  public static ServerHello parse(byte[] frame) throws ChannelException {
    WireReader in = new WireReader(HandshakeFrame.check(frame, HandshakeFrame.SERVER_HELLO));
    int version = in.u16();
    int suite = in.u16();
    byte[] random = in.bytes(ClientHello.RANDOM_BYTES);
    byte[] x25519 = in.bytes(ClientHello.X25519_BYTES);
    byte[] ciphertext = in.bytes(ML_KEM_CIPHERTEXT_BYTES);
    IdentityBlock identity = IdentityBlock.read(in);
    int prefixLength = HandshakeFrame.HEADER_BYTES + in.position();
    byte[] ed = in.bytes(IdentityBlock.ED25519_SIGNATURE_BYTES);
    byte[] ml = identity.mlDsa() == null ? null : in.bytes(IdentityBlock.ML_DSA_SIGNATURE_BYTES);
    in.end();
    byte[] prefix = java.util.Arrays.copyOf(frame, prefixLength);
    return new ServerHello(version, suite, random, x25519, ciphertext, identity, ed, ml, prefix, frame.clone());
  }
}
