package dev.bulwark.channel.internal;

import dev.bulwark.channel.ChannelException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClientHello (docs/channel-protocol.md §1): offered versions and suites, random, ephemeral
 * X25519 key and ML-KEM-768 encapsulation key. Public values only. Immutable.
 */
public record ClientHello(
    List<Integer> versions, List<Integer> suites, byte[] random, byte[] x25519, byte[] mlKemKey) {
  static final byte[] MAGIC = "BWCH".getBytes(StandardCharsets.US_ASCII);
  public static final int MAX_OFFERS = 8;
  public static final int RANDOM_BYTES = 32;
  public static final int X25519_BYTES = 32;
  public static final int ML_KEM_KEY_BYTES = 1184;

  public ClientHello {
    versions = List.copyOf(versions);
    suites = List.copyOf(suites);
    if (versions.isEmpty() || versions.size() > MAX_OFFERS || suites.isEmpty() || suites.size() > MAX_OFFERS) {
      throw new IllegalArgumentException("offer 1..8 versions and suites");
    }
  }

  /** The whole frame, header included, as sent and hashed. */
  public byte[] encode() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(MAGIC);
    body.write(versions.size());
    versions.forEach(v -> writeU16(body, v));
    body.write(suites.size());
    suites.forEach(s -> writeU16(body, s));
    body.writeBytes(random);
    body.writeBytes(x25519);
    body.writeBytes(mlKemKey);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream frame = new ByteArrayOutputStream(b.length + HandshakeFrame.HEADER_BYTES);
    frame.writeBytes(HandshakeFrame.header(HandshakeFrame.CLIENT_HELLO, b.length));
    frame.writeBytes(b);
    return frame.toByteArray();
  }

  /**
   * Parses a whole frame strictly: magic, counts 1..8, exact field sizes, no trailing bytes.
   *
   * @throws ChannelException if anything is malformed
   */
  public static ClientHello parse(byte[] frame) throws ChannelException {
    WireReader in = new WireReader(HandshakeFrame.check(frame, HandshakeFrame.CLIENT_HELLO));
    if (!java.util.Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
      throw new ChannelException("handshake: not a Bulwark channel client");
    }
    List<Integer> versions = list(in);
    List<Integer> suites = list(in);
    byte[] random = in.bytes(RANDOM_BYTES);
    byte[] x25519 = in.bytes(X25519_BYTES);
    byte[] mlKem = in.bytes(ML_KEM_KEY_BYTES);
    in.end();
    return new ClientHello(versions, suites, random, x25519, mlKem);
  }

  private static List<Integer> list(WireReader in) throws ChannelException {
    int count = in.u8();
    if (count < 1 || count > MAX_OFFERS) {
      throw new ChannelException("handshake: offer list must hold 1..8 entries");
    }
    List<Integer> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(in.u16());
    }
    return out;
  }

  static void writeU16(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }
}
