package dev.bulwark.guard.config;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.secrets.Secrets;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The text form of an encrypted configuration file, one record per line (UTF-8, {@code \n}):
 *
 * <pre>
 * bulwark-encrypted-config 1
 * keyset &lt;base64url: the sealed keyset JSON&gt;
 * value &lt;NAME&gt; &lt;base64url: keyset ciphertext of the value, associated data = NAME&gt;
 * ...                                  (sorted by NAME, each NAME once)
 * integrity &lt;base64url: keyset ciphertext of nothing, associated data = every line above&gt;
 * </pre>
 *
 * This class only parses and renders; the cryptography is in {@link EncryptedConfig}. Parsing
 * rejects, as {@link ConfigException.Reason#MALFORMED}: more than {@link Limits#maxDocumentBytes()}
 * bytes or {@link Limits#maxEntries()} values, invalid UTF-8 or base64, an unknown header, line kind
 * or order, an invalid or repeated or unsorted name, a missing or extra trailing record.
 */
final class ConfigFileFormat {
  static final String HEADER = "bulwark-encrypted-config 1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /**
   * A parsed file: the sealed keyset, the sealed values by name, the integrity record, and the
   * exact bytes the integrity record authenticates.
   */
  record Parsed(String sealedKeyset, SortedMap<String, byte[]> sealedValues, byte[] integrity, byte[] authenticated) {}

  private ConfigFileFormat() {}

  static Parsed parse(byte[] content, Limits limits) throws ConfigException {
    if (content.length > limits.maxDocumentBytes()) {
      throw malformed("the file is larger than " + limits.maxDocumentBytes() + " bytes");
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), content)) {
      throw malformed("the file is not valid UTF-8");
    }
    if (!text.endsWith("\n")) {
      throw malformed("the file does not end with a newline (truncated?)");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(HEADER)) {
      throw malformed("not an encrypted configuration file (expected the header '" + HEADER + "')");
    }
    String keysetLine = lines[1];
    if (!keysetLine.startsWith("keyset ")) {
      throw malformed("line 2: expected the keyset record");
    }
    String sealedKeyset = new String(decode(keysetLine.substring("keyset ".length()), 2), StandardCharsets.UTF_8);
    SortedMap<String, byte[]> values = new TreeMap<>();
    String previous = null;
    int last = lines.length - 1;
    for (int i = 2; i < last; i++) {
      int lineNumber = i + 1;
      String[] parts = lines[i].split(" ", -1);
      if (parts.length != 3 || !parts[0].equals("value")) {
        throw malformed("line " + lineNumber + ": expected 'value NAME CIPHERTEXT'");
      }
      String name = parts[1];
      try {
        Secrets.checkName(name);
      } catch (IllegalArgumentException e) {
        throw malformed("line " + lineNumber + ": invalid value name");
      }
      if (previous != null && previous.compareTo(name) >= 0) {
        throw malformed("line " + lineNumber + ": names are not in strict sorted order");
      }
      if (values.size() >= limits.maxEntries()) {
        throw malformed("more than " + limits.maxEntries() + " values");
      }
      values.put(name, decode(parts[2], lineNumber));
      previous = name;
    }
    String integrityLine = lines[last];
    if (!integrityLine.startsWith("integrity ")) {
      throw malformed("line " + (last + 1) + ": expected the integrity record last");
    }
    byte[] integrity = decode(integrityLine.substring("integrity ".length()), last + 1);
    int authenticatedLength = text.length() - integrityLine.length() - 1;
    byte[] authenticated = text.substring(0, authenticatedLength).getBytes(StandardCharsets.UTF_8);
    return new Parsed(sealedKeyset, Collections.unmodifiableSortedMap(values), integrity, authenticated);
  }

  /** Every line but the integrity record: the bytes the integrity record authenticates. */
  static byte[] renderAuthenticated(String sealedKeyset, SortedMap<String, byte[]> sealedValues) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("keyset ").append(B64.encodeToString(sealedKeyset.getBytes(StandardCharsets.UTF_8))).append('\n');
    for (Map.Entry<String, byte[]> value : sealedValues.entrySet()) {
      out.append("value ").append(Secrets.checkName(value.getKey())).append(' ')
          .append(B64.encodeToString(value.getValue())).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] render(byte[] authenticated, byte[] integrity) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(authenticated.length + 128);
    out.writeBytes(authenticated);
    out.writeBytes(("integrity " + B64.encodeToString(integrity) + "\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] decode(String text, int lineNumber) throws ConfigException {
    // The URL decoder accepts padding; requiring the unpadded canonical form keeps one encoding per file.
    if (text.isEmpty() || text.indexOf('=') >= 0) {
      throw malformed("line " + lineNumber + ": not unpadded base64url");
    }
    try {
      byte[] decoded = B64D.decode(text);
      if (!B64.encodeToString(decoded).equals(text)) {
        throw malformed("line " + lineNumber + ": not canonical base64url");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      throw malformed("line " + lineNumber + ": not base64url");
    }
  }

  private static ConfigException malformed(String why) {
    return new ConfigException(ConfigException.Reason.MALFORMED, "malformed configuration file: " + why);
  }
}
