package dev.bulwark.server.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Associated data for the server's AEAD calls: a fixed label and the identifiers a ciphertext
 * belongs to (owner, path, version...), each length-prefixed so that no two distinct lists encode
 * to the same bytes ({@code ("ab","c")} and {@code ("a","bc")} differ). A ciphertext copied to
 * another owner, path or version therefore fails authentication instead of decrypting there.
 *
 * {@snippet :
 * byte[] ad = AssociatedData.of("bulwark secret v1", ownerId, path, Integer.toString(version));
 * }
 *
 * <p>Stateless and thread-safe.
 */
public final class AssociatedData {
  private AssociatedData() {}

  /**
   * The label followed by every part, each as a 4-byte big-endian length and its UTF-8 bytes.
   *
   * @throws NullPointerException if the label or a part is null
   */
  public static byte[] of(String label, String... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    append(out, Objects.requireNonNull(label, "label"));
    for (String part : parts) {
      append(out, Objects.requireNonNull(part, "part"));
    }
    return out.toByteArray();
  }

  private static void append(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(bytes);
  }
}
