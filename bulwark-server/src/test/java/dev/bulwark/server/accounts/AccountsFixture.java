package dev.bulwark.server.accounts;

import dev.bulwark.auth.jwt.JwtAlgorithm;
import dev.bulwark.auth.jwt.JwtSigner;
import dev.bulwark.auth.jwt.JwtSigningKey;
import dev.bulwark.auth.jwt.JwtVerifier;
import dev.bulwark.auth.onetime.TokenHashKeys;
import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.auth.password.PasswordPolicy;
import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.tokens.SecureTokens;
import dev.bulwark.server.mail.OutboxMailer;
import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The account services over a real database, a real outbox and real keys, with light Argon2id
 * parameters (m=1 MiB, t=1: the flows, not the cost, are under test here) and no response floor
 * unless a test asks for one.
 */
public final class AccountsFixture implements AutoCloseable {
  /** Light parameters for flow tests only. */
  public static final Argon2Parameters LIGHT = new Argon2Parameters(1024, 1, 1);

  public final Database database;
  public final MutableClock clock = new MutableClock();
  public final RecordingAuditTrail audit = new RecordingAuditTrail();
  public final Outbox outbox;
  public final JwtSigningKey signingKey = JwtSigningKey.generate(JwtAlgorithm.EDDSA, "test-kid");
  public final TokenHashKeys tokenKeys = TokenHashKeys.of("t1", MacKey.generate(MacAlgorithm.HMAC_SHA256));
  private final OutboxMailer mailer;
  public AccountsAssembly accounts;

  public AccountsFixture(Database database, Path dataDir) {
    this(database, dataDir, settings(LIGHT, Duration.ZERO));
  }

  public AccountsFixture(Database database, Path dataDir, AccountsSettings settings) {
    this.database = database;
    this.mailer = OutboxMailer.create(dataDir.resolve("outbox"), "bulwark@localhost", clock);
    this.outbox = new Outbox(mailer.folder());
    this.accounts = build(settings);
  }

  /** Settings with these Argon2id parameters and floor. */
  public static AccountsSettings settings(Argon2Parameters argon2, Duration floor) {
    return AccountsSettings.defaults()
        .withHashing(PasswordPolicy.builder().argon2(argon2).build())
        .withResponseFloor(floor);
  }

  /** A second graph over the same database, keys and outbox (a restart with other settings). */
  public AccountsAssembly build(AccountsSettings settings) {
    return AccountsAssembly.create(database, JwtSigner.create(signingKey, clock), audit, mailer, tokenKeys, settings, clock);
  }

  /** A verifier for the access tokens, as the core configures it. */
  public JwtVerifier verifier() {
    return JwtVerifier.builder(signingKey.verificationKey()).requireIssuer("bulwark").requireAudience("bulwark-api")
        .clock(clock).build();
  }

  /** A fresh user name. */
  public static String username() {
    return "u_" + SecureTokens.system().hex(6);
  }

  /** A password the policy accepts (random, so it is neither common nor breached). */
  public static String password() {
    return "pw " + SecureTokens.system().urlSafe(18); // random at run time: no secret in the source
  }

  /** Registers and verifies an account through the public flows; returns its id. */
  public String registerVerified(String username, String email, String password) throws Exception {
    accounts.accounts().register(new Forms.Registration(username, email, password, null));
    accounts.accounts().verifyEmail(outbox.latest(email, "Verify").orElseThrow().token());
    return database.read(c -> new AccountStore().byLogin(c, username)).orElseThrow().id();
  }

  @Override
  public void close() {
    accounts.close();
    database.close();
  }
}
