package dev.bulwark.guard.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code .env} file, read once and checked before any value is used.
 *
 * <p>Refused: a file whose permissions give the group or others any access (a secret file must be
 * {@code chmod 600}: on a shared host anyone else could read it), a file system without POSIX
 * permissions (the check cannot be made, so it fails closed), more than {@link #MAX_FILE_BYTES}
 * bytes, invalid UTF-8, a line that is not a comment, blank, or {@code [export ]NAME=VALUE}, an
 * invalid name, a name given twice, an unterminated quote. Errors give the line number, never the
 * line.
 *
 * <p>Values: unquoted (trimmed; {@code " #"} starts a comment), {@code 'single'} (literal) or
 * {@code "double"} (escapes {@code \n \r \t \" \\}). No variable expansion: a value is never
 * interpreted.
 */
final class DotEnvFile implements SecretSource {
  /** Largest {@code .env} file read, in bytes. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final Set<PosixFilePermission> TOO_OPEN =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Map<String, String> values;
  private final String description;

  private DotEnvFile(Map<String, String> values, String description) {
    this.values = Map.copyOf(values);
    this.description = description;
  }

  static DotEnvFile load(Path file) throws SecretsException {
    String description = ".env file " + file;
    byte[] bytes;
    try {
      Set<PosixFilePermission> permissions;
      try {
        permissions = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException e) {
        throw new SecretsException(description + ": the file system has no POSIX permissions, so the file's"
            + " privacy cannot be checked; use environment variables or a secrets directory instead");
      }
      if (!java.util.Collections.disjoint(permissions, TOO_OPEN)) {
        throw new SecretsException(description + " is readable or writable by group or others: run chmod 600 on it");
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (NoSuchFileException e) {
      throw new SecretsException(description + " does not exist", e);
    } catch (IOException e) {
      throw new SecretsException(description + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      if (bytes.length > MAX_FILE_BYTES) {
        throw new SecretsException(description + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return new DotEnvFile(parse(decode(bytes, description), description), description);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static String decode(byte[] bytes, String description) throws SecretsException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SecretsException(description + " is not valid UTF-8");
    }
  }

  /** Parses the text of a {@code .env} file; package-private for the fuzz target. */
  static Map<String, String> parse(String text, String description) throws SecretsException {
    Map<String, String> values = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int lineNumber = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).stripLeading();
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw malformed(description, lineNumber, "expected NAME=VALUE");
      }
      String name = line.substring(0, equals).strip();
      try {
        Secrets.checkName(name);
      } catch (IllegalArgumentException e) {
        throw malformed(description, lineNumber, "invalid name");
      }
      String value = value(line.substring(equals + 1).strip(), description, lineNumber);
      if (values.putIfAbsent(name, value) != null) {
        throw malformed(description, lineNumber, name + " is set twice");
      }
    }
    return values;
  }

  private static String value(String raw, String description, int lineNumber) throws SecretsException {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw malformed(description, lineNumber, "unterminated single quote");
      }
      requireOnlyComment(raw.substring(end + 1), description, lineNumber);
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          requireOnlyComment(raw.substring(i + 1), description, lineNumber);
          return out.toString();
        }
        if (c == '\\') {
          if (++i == raw.length()) {
            break;
          }
          switch (raw.charAt(i)) {
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            default -> throw malformed(description, lineNumber, "unknown escape in double quotes");
          }
        } else {
          out.append(c);
        }
      }
      throw malformed(description, lineNumber, "unterminated double quote");
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }

  private static void requireOnlyComment(String rest, String description, int lineNumber) throws SecretsException {
    String trimmed = rest.strip();
    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
      throw malformed(description, lineNumber, "text after the closing quote");
    }
  }

  private static SecretsException malformed(String description, int lineNumber, String why) {
    return new SecretsException(description + ", line " + lineNumber + ": " + why);
  }

  @Override
  public Optional<Secret> find(String name) {
    String value = values.get(Secrets.checkName(name));
    return value == null ? Optional.empty() : Optional.of(Secret.of(value));
  }

  @Override
  public String description() {
    return description;
  }
}
