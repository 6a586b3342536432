package dev.bulwark.guard.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link SafePaths#resolve}: for any name, it either throws {@link UnsafePathException} or
 * returns a path strictly inside the base directory's real path.
 */
class SafePathsFuzzTest {
  private static final Path BASE = createBase();

  private static Path createBase() {
    try {
      Path root = Files.createTempDirectory("safepaths-fuzz");
      Path base = Files.createDirectory(root.resolve("base"));
      Files.createDirectory(base.resolve("sub"));
      Files.createSymbolicLink(base.resolve("out"), root);
      return base.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void resolve_staysInsideBaseOrThrowsUnsafePath(FuzzedDataProvider data) throws IOException {
    String name = data.consumeRemainingAsString();
    try {
      Path resolved = SafePaths.resolve(BASE, name);
      assertThat(resolved.normalize()).isEqualTo(resolved);
      assertThat(resolved).startsWithRaw(BASE).isNotEqualTo(BASE);
      Path deepestExisting = resolved;
      while (!Files.exists(deepestExisting)) {
        deepestExisting = deepestExisting.getParent();
      }
      assertThat(deepestExisting.toRealPath()).startsWith(BASE);
    } catch (UnsafePathException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
