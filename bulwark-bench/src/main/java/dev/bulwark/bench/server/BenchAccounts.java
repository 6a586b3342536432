package dev.bulwark.bench.server;

import dev.bulwark.crypto.tokens.SecureTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes the benchmark's accounts through the real API: register, read the verification token from
 * the server's mail outbox ({@code DATA/outbox}, where a server without SMTP writes its mail), verify.
 * Passwords are random per run (24 URL-safe characters), so no credential lives in the source.
 *
 * @param api the API of the server under test
 * @param outbox the server's outbox folder
 */
public record BenchAccounts(BenchApi api, Path outbox) {
  /** The mail line in front of a one-time token (the accounts capability's {@code AccountMails}). */
  static final String TOKEN_LINE = "token: ";

  /** A verified account of this run. */
  public record Credentials(String login, String password) {
    @Override
    public String toString() {
      return "Credentials[" + login + "]";
    }
  }

  /** Registers and verifies {@code count} accounts named {@code prefix1..prefixN}. */
  public List<Credentials> create(String prefix, int count) throws IOException, InterruptedException {
    List<Credentials> made = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = (prefix + i).toLowerCase(Locale.ROOT);
      String email = name + "@bench.example.org";
      String password = SecureTokens.system().urlSafe(24);
      api.register(name, email, password);
      api.verify(tokenMailedTo(email));
      made.add(new Credentials(name, password));
    }
    return made;
  }

  private String tokenMailedTo(String email) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> token = scan(email);
      if (token.isPresent()) {
        return token.get();
      }
      Thread.sleep(50);
    }
    throw new IOException("no verification mail to " + email + " in " + outbox);
  }

  private Optional<String> scan(String email) throws IOException {
    if (!Files.isDirectory(outbox)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> mails = Files.newDirectoryStream(outbox, "*.eml")) {
      for (Path mail : mails) {
        List<String> lines = Files.readAllLines(mail, StandardCharsets.UTF_8);
        boolean forUs = lines.stream().anyMatch(l -> l.regionMatches(true, 0, "To:", 0, 3) && l.contains(email));
        if (forUs) {
          for (String line : lines) {
            if (line.startsWith(TOKEN_LINE)) {
              return Optional.of(line.substring(TOKEN_LINE.length()).strip());
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
