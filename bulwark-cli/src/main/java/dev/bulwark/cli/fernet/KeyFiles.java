package dev.bulwark.cli.fernet;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.fernet.FernetKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a Fernet key from a file: the 44-character key, optionally followed by whitespace. */
final class KeyFiles {
  /** A key file is 44 characters and a newline; anything much longer is not a key file. */
  private static final int MAX_KEY_FILE_BYTES = 1024;

  private KeyFiles() {}

  /**
   * @throws CliException (usage, exit 2) if the file is missing, unreadable or not a key; the message
   *     names the file, never its content
   */
  static FernetKey read(Path file) {
    byte[] raw;
    try (InputStream in = Files.newInputStream(file)) {
      raw = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (IOException e) {
      throw CliException.usage("cannot read key file " + file);
    }
    char[] text = new char[raw.length];
    try {
      int length = 0;
      for (byte b : raw) {
        text[length++] = (char) (b & 0xff);
      }
      while (length > 0 && Character.isWhitespace(text[length - 1])) {
        length--;
      }
      if (raw.length > MAX_KEY_FILE_BYTES) {
        throw CliException.usage("key file " + file + " is not a Fernet key (too long)");
      }
      return FernetKey.parse(CharBuffer.wrap(text, 0, length));
    } catch (CryptoException e) {
      throw CliException.usage("key file " + file + " is not a Fernet key: " + e.getMessage());
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(text, '\0');
    }
  }
}
