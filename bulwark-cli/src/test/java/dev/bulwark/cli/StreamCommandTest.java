package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bulwark encrypt} and {@code bulwark decrypt}. */
class StreamCommandTest {
  @TempDir Path dir;
  Path keyset;
  Path master;

  @BeforeEach
  void keyset() throws IOException {
    keyset = dir.resolve("k.json");
    master = dir.resolve("master.key");
    Files.writeString(master, Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]));
    assertThat(CliRun.inProcess("keyset", "new", "--keyset", keyset.toString(), "--master-key-file", master.toString())
        .exitCode()).isZero();
  }

  private CliRun run(String command, Path in, Path out, String... extra) {
    Stream<String> base = Stream.of(command, "--keyset", keyset.toString(), "--master-key-file", master.toString(),
        "--in", in.toString(), "--out", out.toString());
    return CliRun.inProcess(Stream.concat(base, Stream.of(extra)).toArray(String[]::new));
  }

  private long tempFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  @Test
  void encryptThenDecrypt_roundTripsAFileOfSeveralSegments() throws IOException {
    byte[] data = new byte[200_000];
    new Random(3).nextBytes(data);
    Path plain = Files.write(dir.resolve("plain.bin"), data);
    Path sealed = dir.resolve("plain.bin.enc");
    Path back = dir.resolve("back.bin");
    assertThat(run("encrypt", plain, sealed, "--context", "plain.bin").exitCode()).isZero();
    assertThat(Files.size(sealed)).isGreaterThan(data.length);
    CliRun decrypted = run("decrypt", sealed, back, "--context", "plain.bin");
    assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(tempFiles()).isZero();
  }

  @Test
  void tamperedOrTruncatedOrWrongContext_exits1AndWritesNothing() throws IOException {
    Path plain = Files.writeString(dir.resolve("p.txt"), "x".repeat(100_000));
    Path sealed = dir.resolve("p.enc");
    assertThat(run("encrypt", plain, sealed, "--context", "p.txt").exitCode()).isZero();
    byte[] ciphertext = Files.readAllBytes(sealed);

    Path out = dir.resolve("out.txt");
    CliRun wrongContext = run("decrypt", sealed, out, "--context", "q.txt");
    assertThat(wrongContext.exitCode()).isEqualTo(1);
    assertThat(wrongContext.stderr()).startsWith("bulwark decrypt: decryption failed").hasLineCount(1);
    assertThat(out).doesNotExist();

    byte[] tampered = ciphertext.clone();
    tampered[tampered.length - 1] ^= 1;
    Path tamperedFile = Files.write(dir.resolve("t.enc"), tampered);
    assertThat(run("decrypt", tamperedFile, out, "--context", "p.txt").exitCode()).isEqualTo(1);
    assertThat(out).doesNotExist();

    Path truncated = Files.write(dir.resolve("tr.enc"), java.util.Arrays.copyOf(ciphertext, 48 + 65536 + 16));
    assertThat(run("decrypt", truncated, out, "--context", "p.txt").exitCode()).isEqualTo(1);
    assertThat(out).doesNotExist();
    assertThat(tempFiles()).isZero();
  }

  @Test
  void failedDecryption_leavesAnExistingOutputFileUntouched() throws IOException {
    Path garbage = Files.writeString(dir.resolve("g.enc"), "not a ciphertext");
    Path out = Files.writeString(dir.resolve("keep.txt"), "previous content");
    assertThat(run("decrypt", garbage, out).exitCode()).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo("previous content");
  }

  @Test
  void stdinToFileAndFileToStdout_asAProcess() throws IOException {
    Path sealed = dir.resolve("s.enc");
    CliRun encrypted = CliRun.asProcess("hello from stdin".getBytes(StandardCharsets.UTF_8),
        "encrypt", "--keyset", keyset.toString(), "--master-key-file", master.toString(), "--out", sealed.toString());
    assertThat(encrypted.exitCode()).as(encrypted.stderr()).isZero();
    assertThat(encrypted.stdout()).isEmpty();
    CliRun decrypted = CliRun.asProcess(
        "decrypt", "--keyset", keyset.toString(), "--master-key-file", master.toString(), "--in", sealed.toString());
    assertThat(decrypted.exitCode()).as(decrypted.stderr()).isZero();
    assertThat(decrypted.stdout()).isEqualTo("hello from stdin");
  }

  @Test
  void missingInputFile_exits2() {
    CliRun run = run("encrypt", dir.resolve("nope"), dir.resolve("o"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("no such file").hasLineCount(1);
  }
}
