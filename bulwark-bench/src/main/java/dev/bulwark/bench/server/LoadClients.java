package dev.bulwark.bench.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;

/**
 * The server benchmark of issue 7, client side (started by {@link ServerCompare} in its own JVM):
 * reads the targets' descriptor, then measures, printing one {@link LoadResult#line()} each:
 * <ol>
 *   <li>secret reads, {@code GET /v1/secrets/<path>} with a fresh access JWT, alternately on the
 *       Bulwark server (A) and the bare Javalin route (B), and, as a diagnostic, the server's
 *       {@code GET /v1/me} (M): A, B, M, A, B, M... ({@code --rounds});
 *   <li>logins, {@code POST /v1/sessions} at the default Argon2id parameters, with each client
 *       count of {@code --login-clients} (client i uses account i mod 4; 8 clients show the CPU-bound rate
 *       that the 750 ms response floor hides with 2 and 4).
 * </ol>
 * A secret read counts only if the status is 200 and the body is byte for byte the stored answer;
 * a login only if the status is 2xx and the body has an {@code access_token}.
 *
 * <p>Before the first round, every read target is loaded once for {@code --prewarm} seconds (default:
 * the warm-up) and not measured, so that round 1 finds each target's code compiled as the later
 * rounds do, instead of one target's cold start landing in its first measured window.
 *
 * <p>With {@code --latency-clients N} (N &gt; 0), one more window per read target follows the rounds,
 * with N clients instead of {@code --clients}, labelled {@code <target>-cN}: at a concurrency too
 * low to keep both servers busy it shows latency, not capacity, and is reported apart from the ratio.
 *
 * <p>Options: {@code --rounds 2 --clients 16 --latency-clients 0 --warmup 5 --measure 10 --prewarm 5
 * --login-clients 2,4,8 --login-warmup 5 --login-measure 20} (seconds); {@code --login-clients 0} skips
 * the logins, {@code --prewarm 0} the pre-warm.
 */
public final class LoadClients {
  private LoadClients() {}

  public static void main(String[] args) throws Exception {
    Properties d = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
      d.load(in);
    }
    Options o = Options.parse(Arrays.copyOfRange(args, 1, args.length));
    SSLContext tls = PinnedTls.trusting(Path.of(d.getProperty("certificate")));
    ProcessCpu server = ProcessCpu.of(Long.parseLong(d.getProperty("pid")));
    // The bare target runs in a JVM of its own (see BareTarget): its CPU is that process's.
    ProcessCpu bareCpu = d.getProperty("bare.pid") == null ? server : ProcessCpu.of(Long.parseLong(d.getProperty("bare.pid")));
    ReadTargets reads = new ReadTargets(tls, d, server, bareCpu);
    String bulwark = d.getProperty("bulwark");
    int rounds = d.getProperty("bare") == null ? 0 : o.rounds;
    String me = d.getProperty("me.body");
    List<String> targets = me == null ? List.of("A-bulwark", "B-bare") : List.of("A-bulwark", "B-bare", "M-me");
    // Round 0 is the pre-warm: one unmeasured window per target, its figures dropped.
    int first = rounds == 0 || o.prewarm.isZero() ? 1 : 0;
    for (int round = first; round <= rounds; round++) {
      for (String target : targets) {
        Duration warmup = round == 0 ? Duration.ZERO : o.warmup;
        Duration measure = round == 0 ? o.prewarm : o.measure;
        LoadResult result = reads.window(target, o.clients, warmup, measure, target + "-r" + round);
        if (round == 0) {
          System.err.println("pre-warmed " + target + " for " + o.prewarm.toSeconds() + " s (not measured)");
        } else {
          System.out.println(result.line());
        }
      }
    }
    // The latency row: the same targets with few clients, where A waits on its durable audit
    // commit rather than on the CPU; reported apart, not part of the capacity ratio.
    if (rounds > 0 && o.latencyClients > 0) {
      for (String target : targets) {
        String label = target + "-c" + o.latencyClients;
        System.out.println(reads.window(target, o.latencyClients, o.warmup, o.measure, label).line());
      }
    }
    for (int clients : o.loginClients) {
      try (HttpClient http = client(tls)) {
        BenchApi api = new BenchApi(http, bulwark);
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          int account = i % ServerCompare.LOGIN_ACCOUNTS;
          requests.add(api.loginRequest(d.getProperty("login." + account + ".login"),
              d.getProperty("login." + account + ".password")));
        }
        ClosedLoop loop = new ClosedLoop(http, clients, o.loginWarmup, o.loginMeasure, requests::get, LoadClients::loggedIn);
        System.out.println(loop.run("login-c" + clients, server).line());
      }
    }
  }

  /**
   * The read targets of the descriptor {@code d}, measured with the server's CPU (A, M) or the bare
   * target's (B).
   */
  private record ReadTargets(SSLContext tls, Properties d, ProcessCpu server, ProcessCpu bare) {
    /** One closed-loop window of secret reads (or, for M, {@code /v1/me}) on {@code target}. */
    LoadResult window(String target, int clients, Duration warmup, Duration measure, String label)
        throws IOException, InterruptedException {
      String bulwark = d.getProperty("bulwark");
      String path = d.getProperty("secret.path");
      try (HttpClient http = client(tls)) {
        // A fresh token each window: access JWTs live 5 minutes, a full run is longer.
        String token = new BenchApi(http, bulwark).login(d.getProperty("reader.login"), d.getProperty("reader.password"));
        HttpRequest read = switch (target.charAt(0)) {
          case 'A' -> BenchApi.secretRead(bulwark, path, token);
          case 'B' -> BenchApi.secretRead(d.getProperty("bare"), path, token);
          default -> BenchApi.authenticatedGet(bulwark, "/v1/me", token);
        };
        byte[] answer = Base64.getDecoder().decode(target.startsWith("M") ? d.getProperty("me.body") : d.getProperty("secret.body", ""));
        ClosedLoop loop = new ClosedLoop(http, clients, warmup, measure, i -> read,
            r -> r.statusCode() == 200 && Arrays.equals(r.body(), answer));
        return loop.run(label, target.startsWith("B") ? bare : server);
      }
    }
  }

  private static boolean loggedIn(HttpResponse<byte[]> answer) {
    if (answer.statusCode() != 200 && answer.statusCode() != 201) {
      return false;
    }
    try {
      return !BenchApi.accessToken(answer).isEmpty();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private record Options(int rounds, int clients, int latencyClients, Duration warmup, Duration measure, Duration prewarm,
      List<Integer> loginClients, Duration loginWarmup, Duration loginMeasure) {
    static Options parse(String[] args) throws IOException {
      int rounds = 2;
      int clients = 16;
      int latencyClients = 0;
      long warmup = 5;
      long measure = 10;
      long prewarm = -1;
      List<Integer> loginClients = List.of(2, 4, 8);
      long loginWarmup = 5;
      long loginMeasure = 20;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--clients" -> clients = Integer.parseInt(value);
          case "--latency-clients" -> latencyClients = Integer.parseInt(value);
          case "--warmup" -> warmup = Long.parseLong(value);
          case "--measure" -> measure = Long.parseLong(value);
          case "--prewarm" -> prewarm = Long.parseLong(value);
          case "--login-clients" -> loginClients = Arrays.stream(value.split(","))
              .map(Integer::parseInt).filter(c -> c > 0).toList();
          case "--login-warmup" -> loginWarmup = Long.parseLong(value);
          case "--login-measure" -> loginMeasure = Long.parseLong(value);
          default -> throw new IOException("unknown option " + args[i]);
        }
      }
      if (args.length % 2 != 0) {
        throw new IOException("options come in pairs: --name value");
      }
      return new Options(rounds, clients, latencyClients, Duration.ofSeconds(warmup), Duration.ofSeconds(measure),
          Duration.ofSeconds(prewarm < 0 ? warmup : prewarm), loginClients,
          Duration.ofSeconds(loginWarmup), Duration.ofSeconds(loginMeasure));
    }
  }
}
