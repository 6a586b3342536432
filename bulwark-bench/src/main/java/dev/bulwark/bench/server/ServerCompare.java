package dev.bulwark.bench.server;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.config.ConfigLoader;
import dev.bulwark.server.config.ServerConfig;
import io.javalin.http.HandlerType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server benchmark of issue 7, target side: starts the real Bulwark server (SQLite in a fresh
 * temporary data directory, its self-signed certificate) and, in a JVM of its own, the bare Javalin
 * target on the same certificate; creates the accounts and the ~100-byte secret through the API,
 * then runs {@link LoadClients} in another child JVM (so the load driver's JIT, heap and GC are not
 * the servers') and relays its result lines. The data directory is deleted at the end.
 *
 * <p>A third, diagnostic target M is the same server's {@code GET /v1/me}: the same pipeline and
 * JWT check and one SQLite read, but no decryption and no audit record, to show how much of the
 * gap between A and B is the durable (fsync'd) audit record every secret read writes.
 *
 * <p>Bench-only settings, documented in {@code docs/benchmarks.md}: the three request budgets are
 * raised to their maximum (1,000,000 a minute) so the measurement is not a measurement of the rate
 * limiter; every other setting is the default.
 *
 * <p>Run: {@code java -cp ... dev.bulwark.bench.server.ServerCompare [LoadClients options]}; {@code
 * bulwark-bench/server-compare} does it and prints the table.
 */
public final class ServerCompare {
  /** Accounts the login benchmark uses (client i logs in as account i mod 4). */
  static final int LOGIN_ACCOUNTS = 4;
  static final String SECRET_PATH = "bench/db/password";

  private ServerCompare() {}

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("bulwark-bench-server",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      run(data, args);
    } finally {
      deleteTree(data);
    }
  }

  private static void run(Path data, String[] args) throws Exception {
    ServerConfig config = ConfigLoader.load(Optional.empty(), Map.of(), Map.of(
        "listen", "127.0.0.1:0",
        "data", data.toString(),
        "ratelimit.address_per_minute", "1000000",
        "ratelimit.standard_per_minute", "1000000",
        "ratelimit.credential_per_minute", "1000000"));
    try (BulwarkServer server = BulwarkServer.builder(config).console(line -> { }).build().start()) {
      Path certificate = data.resolve("tls").resolve("cert.pem");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .sslContext(PinnedTls.trusting(certificate)).build();
      BenchApi api = new BenchApi(http, server.baseUrl());
      BenchAccounts accounts = new BenchAccounts(api, data.resolve("outbox"));
      BenchAccounts.Credentials reader = accounts.create("benchreader", 1).getFirst();
      List<BenchAccounts.Credentials> logins = accounts.create("benchlogin", LOGIN_ACCOUNTS);
      Properties d = new Properties();
      d.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
      d.setProperty("certificate", certificate.toString());
      d.setProperty("bulwark", server.baseUrl());
      d.setProperty("reader.login", reader.login());
      d.setProperty("reader.password", reader.password());
      for (int i = 0; i < logins.size(); i++) {
        d.setProperty("login." + i + ".login", logins.get(i).login());
        d.setProperty("login." + i + ".password", logins.get(i).password());
      }
      if (!hasSecretReads(server)) {
        System.out.println("note: this build has no GET /v1/secrets route: secret reads not measured");
        runClients(writeDescriptor(data, d), args);
        return;
      }
      String token = api.login(reader.login(), reader.password());
      // ~100 bytes of secret value, random per run.
      String value = dev.bulwark.crypto.tokens.SecureTokens.system().urlSafe(100);
      api.putSecret(token, SECRET_PATH, value);
      HttpResponse<byte[]> read = api.send(BenchApi.secretRead(server.baseUrl(), SECRET_PATH, token));
      if (read.statusCode() != 200) {
        throw new IOException("reading the secret back answered " + read.statusCode());
      }
      CapturedResponse answer = CapturedResponse.of(read);
      HttpResponse<byte[]> me = api.send(BenchApi.authenticatedGet(server.baseUrl(), "/v1/me", token));
      if (me.statusCode() == 200) {
        d.setProperty("me.body", Base64.getEncoder().encodeToString(me.body()));
      }
      Path answerFile = data.resolve("bare-answer.properties");
      answer.writeTo(answerFile);
      Process bare = startBare(data, answerFile);
      try {
        String[] started = awaitBare(bare);
        d.setProperty("bare", started[0]);
        d.setProperty("bare.pid", started[1]);
        d.setProperty("secret.path", SECRET_PATH);
        d.setProperty("secret.body", Base64.getEncoder().encodeToString(answer.body()));
        System.out.printf("targets body_bytes=%d header_bytes=%d bulwark=%s bare=%s (own JVM, pid %s)%n",
            answer.body().length, answer.headerBytes(), server.baseUrl(), started[0], started[1]);
        runClients(writeDescriptor(data, d), args);
      } finally {
        bare.getOutputStream().close();
        if (!bare.waitFor(10, TimeUnit.SECONDS)) {
          bare.destroyForcibly();
        }
      }
    }
  }

  /**
   * Target B in a JVM of its own, started with this JVM's options (heap, flags) but no flight
   * recording of its own, so that neither application's JIT profile is polluted by the other's
   * traffic (see {@link BareTarget}).
   */
  private static Process startBare(Path data, Path answerFile) throws IOException {
    List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(option -> !option.contains("FlightRecording")).toList();
    return new ProcessBuilder(javaCommand(options, BareTarget.class, data.toString(), answerFile.toString()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** The bare target's URL and pid, once it listens. */
  private static String[] awaitBare(Process bare) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("bare ")) {
      throw new IOException("the bare target did not start (it said: " + line + ")");
    }
    // Anything it prints later is read and dropped, so a full pipe can never stall it.
    Thread.ofVirtual().name("bare-target-output").start(() -> {
      try {
        out.transferTo(Writer.nullWriter());
      } catch (IOException e) {
        // the target ended
      }
    });
    String[] parts = line.split(" ");
    return new String[] {parts[1], parts[2]};
  }

  private static boolean hasSecretReads(BulwarkServer server) {
    return server.routes().stream()
        .anyMatch(r -> r.method() == HandlerType.GET && r.path().startsWith("/v1/secrets/"));
  }

  /** The descriptor the load clients read: 0600, in the run's private data directory. */
  private static Path writeDescriptor(Path data, Properties d) throws IOException {
    Path descriptor = data.resolve("bench.properties");
    Files.createFile(descriptor, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(descriptor)) {
      d.store(out, "bulwark server benchmark targets (deleted at the end of the run)");
    }
    return descriptor;
  }

  private static void runClients(Path descriptor, String[] args) throws IOException, InterruptedException {
    List<String> options = new ArrayList<>(List.of("-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
    String logging = System.getProperty("logback.configurationFile");
    if (logging != null) {
      options.add("-Dlogback.configurationFile=" + logging);
    }
    List<String> arguments = new ArrayList<>(List.of(descriptor.toString()));
    arguments.addAll(List.of(args));
    Process clients = new ProcessBuilder(javaCommand(options, LoadClients.class, arguments.toArray(String[]::new)))
        .inheritIO().start();
    int exit = clients.waitFor();
    if (exit != 0) {
      throw new IOException("the load clients exited with " + exit);
    }
  }

  /** This JDK's {@code java} running {@code main} on this JVM's class path, with {@code options} and {@code args}. */
  private static List<String> javaCommand(List<String> options, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
