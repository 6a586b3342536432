package dev.bulwark.guard.auditlog;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The line format, shared by writer and verifier (docs/audit-log.md):
 *
 * <pre>
 * R &lt;seq&gt; &lt;mac hex&gt; &lt;event JSON&gt;
 * C &lt;seq&gt; &lt;mac hex&gt; &lt;Ed25519 signature&gt; [&lt;ML-DSA-65 signature&gt;]
 * </pre>
 *
 * where a record's MAC is HMAC-SHA256(previous MAC || seq as 8 bytes big-endian || event JSON), the
 * first previous MAC is 32 zero bytes, and a checkpoint signs {@code
 * "bulwark-audit-checkpoint-v1\n" + seq + "\n" + mac hex} for the record it follows.
 */
final class AuditFormat {
  static final int MAC_BYTES = 32;
  static final byte[] GENESIS = new byte[MAC_BYTES];
  private static final String CHECKPOINT_CONTEXT = "bulwark-audit-checkpoint-v1\n";
  private static final HexFormat HEX = HexFormat.of();

  private AuditFormat() {}

  static byte[] recordMac(Mac mac, byte[] previous, long seq, String payload) {
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    ByteBuffer input = ByteBuffer.allocate(previous.length + Long.BYTES + body.length);
    input.put(previous).putLong(seq).put(body);
    return mac.compute(input.array());
  }

  static byte[] checkpointMessage(long seq, byte[] mac) {
    return (CHECKPOINT_CONTEXT + seq + "\n" + HEX.formatHex(mac)).getBytes(StandardCharsets.US_ASCII);
  }

  static String recordLine(long seq, byte[] mac, String payload) {
    return "R " + seq + " " + HEX.formatHex(mac) + " " + payload;
  }

  static String checkpointLine(long seq, byte[] mac, byte[] signature, Optional<byte[]> postQuantum) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return "C " + seq + " " + HEX.formatHex(mac) + " " + b64.encodeToString(signature)
        + postQuantum.map(s -> " " + b64.encodeToString(s)).orElse("");
  }

  /** A parsed line; nothing in it is trusted until its MAC or signature is checked. */
  record Line(char kind, long seq, byte[] mac, String payload, byte[] signature, byte[] postQuantumSignature) {}

  /** Parses a line's shape, or throws {@link IllegalArgumentException} if it has none. */
  static Line parse(String line) {
    if (line.length() < 2 || line.charAt(1) != ' ') {
      throw new IllegalArgumentException("no line kind");
    }
    char kind = line.charAt(0);
    String[] parts = kind == 'R' ? line.split(" ", 4) : line.split(" ", -1);
    if (parts.length < 4) {
      throw new IllegalArgumentException("too few fields");
    }
    long seq = parseSeq(parts[1]);
    byte[] mac = parseMac(parts[2]);
    return switch (kind) {
      case 'R' -> new Line(kind, seq, mac, parts[3], null, null);
      case 'C' -> {
        if (parts.length > 5) {
          throw new IllegalArgumentException("too many fields");
        }
        yield new Line(kind, seq, mac, null, strictBase64Url(parts[3]), parts.length == 5 ? strictBase64Url(parts[4]) : null);
      }
      default -> throw new IllegalArgumentException("unknown line kind");
    };
  }

  private static long parseSeq(String text) {
    // Canonical decimal only: "06" must not verify as record 6, or a line could change and still
    // verify (the MAC covers the number, not its spelling). Found by AuditLogVerifierFuzzTest.
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
        || (text.length() > 1 && text.charAt(0) == '0')) {
      throw new IllegalArgumentException("bad sequence number");
    }
    return Long.parseLong(text);
  }

  /**
   * Unpadded base64url that re-encodes to exactly the same text: the JDK decoder accepts padding
   * and non-zero trailing bits, which would let one signature be spelled several ways.
   */
  private static byte[] strictBase64Url(String text) {
    byte[] bytes = Base64.getUrlDecoder().decode(text);
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return bytes;
  }

  private static byte[] parseMac(String text) {
    if (text.length() != MAC_BYTES * 2 || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException("bad MAC");
    }
    return HEX.parseHex(text);
  }

  /** Verifies a checkpoint's signatures over (seq, mac). */
  static void verifyCheckpoint(Line checkpoint, AuditVerifyKeys keys) throws CryptoException {
    byte[] message = checkpointMessage(checkpoint.seq(), checkpoint.mac());
    keys.checkpointKey().verifier().verify(checkpoint.signature(), message);
    if (keys.postQuantumKey().isPresent()) {
      if (checkpoint.postQuantumSignature() == null) {
        throw new CryptoException("checkpoint lacks the required ML-DSA-65 signature");
      }
      keys.postQuantumKey().get().verifier().verify(checkpoint.postQuantumSignature(), message);
    }
  }
}
