package dev.bulwark.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturedResponseTest {

  @Test
  void fileRoundTrip_keepsStatusHeaderOrderAndBodyBytes(@TempDir Path dir) throws IOException {
    byte[] body = {'{', 0, (byte) 0xFF, '"', '\n', '=', ':', '}'};
    CapturedResponse answer = new CapturedResponse(200, List.of(Map.entry("Content-Security-Policy",
        "default-src 'none'; frame-ancestors 'none'"), Map.entry("X-Content-Type-Options", "nosniff"),
        Map.entry("Vary", "Origin"), Map.entry("Vary", "Accept=x:y")), body);
    Path file = dir.resolve("answer.properties");

    answer.writeTo(file);
    CapturedResponse read = CapturedResponse.readFrom(file);

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.headers()).isEqualTo(answer.headers());
    assertThat(read.body()).isEqualTo(body);
    assertThat(read.headerBytes()).isEqualTo(answer.headerBytes());
  }

  @Test
  void writeTo_neverOverwritesAFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("answer.properties");
    CapturedResponse answer = new CapturedResponse(204, List.of(), new byte[0]);
    answer.writeTo(file);

    assertThatThrownBy(() -> answer.writeTo(file)).isInstanceOf(FileAlreadyExistsException.class);
  }
}
