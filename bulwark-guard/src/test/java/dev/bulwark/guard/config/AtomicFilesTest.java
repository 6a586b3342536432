package dev.bulwark.guard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void replace_writesTheWholeContent() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "old");
    AtomicFiles.write(file, out -> out.write("new".getBytes()), true);
    assertThat(file).hasContent("new");
    assertThat(dir.toFile().list()).containsExactly("f");
  }

  @Test
  void aWriterThatFailsHalfway_leavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "old");
    assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
      out.write("partial".getBytes());
      throw new IOException("disk full");
    }, true)).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(file).hasContent("old");
    assertThat(dir.toFile().list()).containsExactly("f");
  }

  @Test
  void withoutReplace_refusesAnExistingFile_andCreatesANewOne() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "old");
    assertThatThrownBy(() -> AtomicFiles.write(file, out -> out.write('x'), false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("old");
    Path fresh = dir.resolve("g");
    AtomicFiles.write(fresh, out -> out.write('y'), false);
    assertThat(fresh).hasContent("y");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("f", "g");
  }
}
