package dev.bulwark.guard.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One file per secret in a directory ({@code /run/secrets/NAME}). The name is validated by {@link
 * Secrets#checkName(String)}, so it cannot be {@code ..} or contain a separator; a symbolic link
 * (Kubernetes mounts secrets through {@code ..data} links) is followed only if its real path stays
 * inside the directory's real path.
 */
final class SecretsDirectory implements SecretSource {
  /** A secret file larger than this is refused: it is not a secret, and it would be read into memory. */
  static final int MAX_SECRET_FILE_BYTES = 64 * 1024;

  private final Path directory;

  SecretsDirectory(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
  }

  @Override
  public Optional<Secret> find(String name) throws SecretsException {
    Path file = directory.resolve(Secrets.checkName(name));
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(directory.toRealPath()) || !Files.isRegularFile(real)) {
        throw new SecretsException(description() + ": " + name + " is not a regular file inside the directory");
      }
      byte[] content;
      try (InputStream in = Files.newInputStream(real)) {
        content = in.readNBytes(MAX_SECRET_FILE_BYTES + 1);
      }
      if (content.length > MAX_SECRET_FILE_BYTES) {
        Arrays.fill(content, (byte) 0);
        throw new SecretsException(description() + ": " + name + " is larger than " + MAX_SECRET_FILE_BYTES + " bytes");
      }
      return Optional.of(Secret.adopt(withoutOneTrailingNewline(content)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SecretsException(description() + ": cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Files written with {@code echo} end in a newline that is not part of the secret. */
  private static byte[] withoutOneTrailingNewline(byte[] content) {
    int end = content.length;
    if (end > 0 && content[end - 1] == '\n') {
      end--;
      if (end > 0 && content[end - 1] == '\r') {
        end--;
      }
    }
    if (end == content.length) {
      return content;
    }
    byte[] trimmed = Arrays.copyOf(content, end);
    Arrays.fill(content, (byte) 0);
    return trimmed;
  }

  @Override
  public String description() {
    return "secrets directory " + directory;
  }
}
