package dev.bulwark.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.jwt.InvalidTokenException;
import dev.bulwark.auth.jwt.VerifiedJwt;
import dev.bulwark.auth.password.Argon2Parameters;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.sessions.CachedSessionLiveness;
import dev.bulwark.server.sessions.IssuedSession;
import dev.bulwark.server.storage.Database;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the account services must do on every database: the flows of issue 7 and their failure
 * paths. Subclasses give the database ({@link SqliteAccountsTest}, {@link PostgresAccountsTest}).
 */
abstract class AbstractAccountsContractTest {
  static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

  @TempDir Path dir;
  AccountsFixture f;

  abstract Database openDatabase(Path dir);

  void closeDatabase(Database db) {}

  @BeforeEach
  void setUp() {
    f = new AccountsFixture(openDatabase(dir), dir);
  }

  @AfterEach
  void tearDown() {
    Database db = f.database;
    f.accounts.close();
    closeDatabase(db);
    db.close();
  }

  AccountService accounts() {
    return f.accounts.accounts();
  }

  IssuedSession login(String login, String password) throws Exception {
    return f.accounts.logins().login(login, password, CLIENT);
  }

  static void assertPublicError(ThrowingCallable call, ErrorKind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void registerVerifyLogin_issuesAccessTokenWithTheContractClaims() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    String id = f.registerVerified(user, user + "@example.com", password);

    IssuedSession session = login(user, password);
    VerifiedJwt jwt = f.verifier().verify(session.accessToken());
    assertThat(jwt.subject()).contains(id);
    assertThat(jwt.stringClaim("sid")).contains(session.sessionId());
    assertThat(jwt.keyId()).contains("test-kid");
    assertThat(jwt.jwtId()).isPresent();
    assertThat(Duration.between(jwt.issuedAt().orElseThrow(), jwt.expiresAt())).isEqualTo(Duration.ofMinutes(5));
    assertThat(jwt.scopes()).contains("secrets:read", "secrets:write", "transit:encrypt", "transit:decrypt",
        "files:read", "files:write", "apikeys:manage").doesNotContain("admin", "audit:read");
    assertThat(session.refreshToken()).startsWith("bwr_");
    assertThat(f.accounts.liveness().isLive(session.sessionId())).isTrue();
    assertThat(f.audit.find("session.login", "success")).hasSize(1);
    assertThat(f.audit.find("account.register", "success")).hasSize(1);
  }

  @Test
  void login_byEmailInAnyCase_works() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@Example.com", password);
    assertThat(login(user.toUpperCase(java.util.Locale.ROOT) + "@EXAMPLE.com", password).accessToken()).isNotEmpty();
  }

  @Test
  void accessToken_withWrongAudienceOrTampered_isRejectedByTheVerifier() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    String token = login(user, password).accessToken();
    var wrongAudience = dev.bulwark.auth.jwt.JwtVerifier.builder(f.signingKey.verificationKey())
        .requireIssuer("bulwark").requireAudience("other-api").clock(f.clock).build();
    assertThatThrownBy(() -> wrongAudience.verify(token)).isInstanceOf(InvalidTokenException.class);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    assertThatThrownBy(() -> f.verifier().verify(tampered)).isInstanceOf(InvalidTokenException.class);
    f.clock.advance(Duration.ofMinutes(7));
    assertThatThrownBy(() -> f.verifier().verify(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void login_beforeVerification_isForbidden() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    accounts().register(new Forms.Registration(user, user + "@example.com", password, null));
    assertPublicError(() -> login(user, password), ErrorKind.FORBIDDEN);
    assertThat(f.audit.find("session.login", "denied")).hasSize(1);
  }

  @Test
  void login_wrongPasswordAndUnknownUser_failIdentically() throws Exception {
    String user = AccountsFixture.username();
    f.registerVerified(user, user + "@example.com", AccountsFixture.password());
    PublicError wrong = catchPublic(() -> login(user, AccountsFixture.password()));
    PublicError unknown = catchPublic(() -> login(AccountsFixture.username(), AccountsFixture.password()));
    assertThat(wrong.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED).isEqualTo(unknown.kind());
    assertThat(wrong.publicMessage()).isEqualTo(unknown.publicMessage());
    assertThat(f.audit.find("session.login", "failure")).hasSize(2);
  }

  @Test
  void login_repeatedFailures_areThrottledForUnknownNamesToo() throws Exception {
    String user = AccountsFixture.username();
    f.registerVerified(user, user + "@example.com", AccountsFixture.password());
    for (String name : new String[] {user, AccountsFixture.username()}) {
      for (int i = 0; i < 5; i++) {
        assertPublicError(() -> login(name, "wrong password guess"), ErrorKind.UNAUTHENTICATED);
      }
      assertThatThrownBy(() -> login(name, "wrong password guess"))
          .isInstanceOfSatisfying(LoginThrottled.class, t -> assertThat(t.retryAfterSeconds()).isPositive());
    }
  }

  @Test
  void register_takenUsernameOrEmail_mailsTheOwnerAndCreatesNothing() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    f.registerVerified(user, email, AccountsFixture.password());
    int mailsBefore = f.outbox.to(email).size();

    // Same name in another case, another address: answers normally, creates nothing.
    String other = AccountsFixture.username() + "@example.org";
    accounts().register(new Forms.Registration(user.toUpperCase(java.util.Locale.ROOT), other, AccountsFixture.password(), null));
    // Another name, the same address in another case.
    accounts().register(new Forms.Registration(AccountsFixture.username(), email.toUpperCase(java.util.Locale.ROOT),
        AccountsFixture.password(), null));

    assertThat(f.outbox.to(email)).hasSize(mailsBefore + 2)
        .allSatisfy(m -> assertThat(m.subject()).isIn("Verify your Bulwark e-mail address", "Someone tried to register with your details"));
    assertThat(f.outbox.to(other)).isEmpty();
    long count = f.database.read(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM accounts"); var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
    assertThat(count).isEqualTo(1L);
    assertThat(f.audit.find("account.register", "denied")).hasSize(2);
  }

  @Test
  void register_concurrentRegistrationsOfOneName_createOneAccountAndAnswerAllAlike() throws Exception {
    String user = AccountsFixture.username();
    int racers = 6;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<?>> results = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        String email = user + "+" + i + "@example.com";
        results.add(pool.submit(() -> {
          start.await();
          accounts().register(new Forms.Registration(user, email, AccountsFixture.password(), null));
          return null;
        }));
      }
      start.countDown();
      for (var result : results) {
        result.get();
      }
    }
    long count = f.database.read(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM accounts"); var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
    assertThat(count).isEqualTo(1L);
    assertThat(f.audit.find("account.register", "success")).hasSize(1);
    assertThat(f.audit.find("account.register", "denied")).hasSize(racers - 1);
  }

  @Test
  void register_refusedPasswords_nameTheReasonNeverTheValue() {
    String user = "carol_" + AccountsFixture.username().substring(2);
    String email = user + "@example.com";
    for (String bad : new String[] {"short one", "password password password", "my name is " + user + " ok",
        "bulwark is my favourite thing"}) {
      assertThatThrownBy(() -> accounts().register(new Forms.Registration(user, email, bad, null)))
          .isInstanceOfSatisfying(PublicError.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST);
            assertThat(e.publicMessage()).startsWith("password: ").doesNotContain(bad);
          });
    }
    assertPublicError(() -> accounts().register(new Forms.Registration("a b", email, AccountsFixture.password(), null)),
        ErrorKind.BAD_REQUEST);
    assertPublicError(() -> accounts().register(new Forms.Registration(user, "not-an-address", AccountsFixture.password(), null)),
        ErrorKind.BAD_REQUEST);
    assertThat(f.outbox.all()).isEmpty();
  }

  @Test
  void verify_usedTamperedOrExpiredToken_isRejected() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    String password = AccountsFixture.password();
    accounts().register(new Forms.Registration(user, email, password, null));
    String token = f.outbox.latest(email, "Verify").orElseThrow().token();
    String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
    assertPublicError(() -> accounts().verifyEmail(tampered), ErrorKind.BAD_REQUEST);
    assertPublicError(() -> accounts().verifyEmail(token.substring(0, 20)), ErrorKind.BAD_REQUEST);
    accounts().verifyEmail(token);
    assertPublicError(() -> accounts().verifyEmail(token), ErrorKind.BAD_REQUEST);

    String late = AccountsFixture.username();
    accounts().register(new Forms.Registration(late, late + "@example.com", password, null));
    String lateToken = f.outbox.latest(late + "@example.com", "Verify").orElseThrow().token();
    f.clock.advance(Duration.ofHours(25));
    assertPublicError(() -> accounts().verifyEmail(lateToken), ErrorKind.BAD_REQUEST);
    assertPublicError(() -> login(late, password), ErrorKind.FORBIDDEN);
  }

  @Test
  void refresh_rotatesAndReuseOfAnOldTokenRevokesTheWholeFamily() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    IssuedSession first = login(user, password);
    IssuedSession second = f.accounts.sessions().refresh(first.refreshToken());
    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(f.verifier().verify(second.accessToken()).stringClaim("sid")).contains(first.sessionId());

    assertPublicError(() -> f.accounts.sessions().refresh(first.refreshToken()), ErrorKind.UNAUTHENTICATED);
    assertThat(f.accounts.liveness().isLive(first.sessionId())).isFalse();
    assertPublicError(() -> f.accounts.sessions().refresh(second.refreshToken()), ErrorKind.UNAUTHENTICATED);
    assertThat(f.audit.find("session.refresh_reuse", "denied")).hasSize(1);
    // Another instance (a fresh cache over the same table) agrees.
    assertThat(new CachedSessionLiveness(f.database, f.clock, Duration.ZERO).isLive(first.sessionId())).isFalse();
  }

  @Test
  void refresh_concurrentUseOfOneToken_hasExactlyOneWinnerAndRevokesTheFamily() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    IssuedSession session = login(user, password);
    int racers = 8;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<IssuedSession>> results = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try {
            return f.accounts.sessions().refresh(session.refreshToken());
          } catch (PublicError e) {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
            return null;
          }
        }));
      }
      start.countDown();
      java.util.List<IssuedSession> winners = new java.util.ArrayList<>();
      for (var result : results) {
        IssuedSession won = result.get();
        if (won != null) {
          winners.add(won);
        }
      }
      assertThat(winners).as("exactly one refresh wins the conditional UPDATE").hasSize(1);
      assertPublicError(() -> f.accounts.sessions().refresh(winners.getFirst().refreshToken()), ErrorKind.UNAUTHENTICATED);
    }
    assertThat(new CachedSessionLiveness(f.database, f.clock, Duration.ZERO).isLive(session.sessionId())).isFalse();
    assertThat(f.audit.find("session.refresh_reuse", "denied")).hasSize(racers - 1)
        .filteredOn(e -> e.details().get("family_revoked").equals("true")).hasSize(1);
  }

  @Test
  void refresh_malformedUnknownOrExpiredToken_isRejected() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    IssuedSession session = login(user, password);
    assertPublicError(() -> f.accounts.sessions().refresh("bwr_short"), ErrorKind.UNAUTHENTICATED);
    assertPublicError(() -> f.accounts.sessions().refresh("bwr_" + "A".repeat(43)), ErrorKind.UNAUTHENTICATED);
    f.clock.advance(Duration.ofDays(15));
    assertPublicError(() -> f.accounts.sessions().refresh(session.refreshToken()), ErrorKind.UNAUTHENTICATED);
  }

  @Test
  void logout_revokesTheSessionAtOnceAndAcrossRestarts() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    IssuedSession kept = login(user, password);
    IssuedSession ended = login(user, password);
    assertThat(f.accounts.liveness().isLive(ended.sessionId())).isTrue();
    f.accounts.sessions().revoke(ended.sessionId(), "logout");
    assertThat(f.accounts.liveness().isLive(ended.sessionId())).isFalse();
    assertPublicError(() -> f.accounts.sessions().refresh(ended.refreshToken()), ErrorKind.UNAUTHENTICATED);

    CachedSessionLiveness restarted = new CachedSessionLiveness(f.database, f.clock, Duration.ofSeconds(1));
    assertThat(restarted.isLive(ended.sessionId())).isFalse();
    assertThat(restarted.isLive(kept.sessionId())).isTrue();
    assertThat(restarted.isLive("never-issued")).isFalse();
    assertThat(restarted.isLive("")).isFalse();
  }

  @Test
  void passwordChange_needsTheCurrentPasswordAndRevokesOtherSessions() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    String id = f.registerVerified(user, user + "@example.com", password);
    IssuedSession current = login(user, password);
    IssuedSession other = login(user, password);
    String next = AccountsFixture.password();

    assertPublicError(() -> accounts().change(id, current.sessionId(), new Forms.Change("wrong current password", next), CLIENT),
        ErrorKind.FORBIDDEN);
    accounts().change(id, current.sessionId(), new Forms.Change(password, next), CLIENT);

    assertThat(f.accounts.liveness().isLive(current.sessionId())).isTrue();
    assertThat(f.accounts.liveness().isLive(other.sessionId())).isFalse();
    assertPublicError(() -> f.accounts.sessions().refresh(other.refreshToken()), ErrorKind.UNAUTHENTICATED);
    assertPublicError(() -> login(user, password), ErrorKind.UNAUTHENTICATED);
    assertThat(login(user, next).accessToken()).isNotEmpty();
    assertThat(f.audit.find("password.change", "success")).hasSize(1);
    assertThat(f.audit.find("password.change", "failure")).hasSize(1);
  }

  @Test
  void forgotAndReset_setANewPasswordRevokeAllSessionsAndWorkOnce() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    String password = AccountsFixture.password();
    f.registerVerified(user, email, password);
    IssuedSession session = login(user, password);

    accounts().forgot(new Forms.Forgot(email.toUpperCase(java.util.Locale.ROOT)));
    String token = f.outbox.latest(email, "Reset").orElseThrow().token();
    String next = AccountsFixture.password();
    accounts().reset(new Forms.Reset(token, next));

    assertThat(f.accounts.liveness().isLive(session.sessionId())).isFalse();
    assertPublicError(() -> login(user, password), ErrorKind.UNAUTHENTICATED);
    assertThat(login(user, next).accessToken()).isNotEmpty();
    assertPublicError(() -> accounts().reset(new Forms.Reset(token, AccountsFixture.password())), ErrorKind.BAD_REQUEST);
    assertThat(f.audit.find("password.reset", "success")).hasSize(1);
  }

  @Test
  void reset_expiredTokenOrVerificationTokenIsRejected() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    String password = AccountsFixture.password();
    accounts().register(new Forms.Registration(user, email, password, null));
    String verification = f.outbox.latest(email, "Verify").orElseThrow().token();
    assertPublicError(() -> accounts().reset(new Forms.Reset(verification, AccountsFixture.password())), ErrorKind.BAD_REQUEST);

    accounts().forgot(new Forms.Forgot(email));
    String reset = f.outbox.latest(email, "Reset").orElseThrow().token();
    f.clock.advance(Duration.ofMinutes(61));
    assertPublicError(() -> accounts().reset(new Forms.Reset(reset, AccountsFixture.password())), ErrorKind.BAD_REQUEST);
  }

  @Test
  void reset_alsoProvesTheAddress() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    accounts().register(new Forms.Registration(user, email, AccountsFixture.password(), null));
    accounts().forgot(new Forms.Forgot(email));
    String next = AccountsFixture.password();
    accounts().reset(new Forms.Reset(f.outbox.latest(email, "Reset").orElseThrow().token(), next));
    assertThat(login(user, next).accessToken()).isNotEmpty();
  }

  @Test
  void forgot_unknownAddress_answersTheSameAndMailsNobody() throws Exception {
    String email = AccountsFixture.username() + "@example.com";
    accounts().forgot(new Forms.Forgot(email));
    assertThat(f.outbox.all()).isEmpty();
    assertThat(f.audit.find("password.forgot", "failure")).hasSize(1);
  }

  @Test
  void login_rehashesAStoredHashMadeWithOlderParameters() throws Exception {
    String user = AccountsFixture.username();
    String password = AccountsFixture.password();
    f.registerVerified(user, user + "@example.com", password);
    assertThat(storedHash(user)).contains("m=1024,t=1,p=1");

    Argon2Parameters stronger = new Argon2Parameters(2048, 2, 1);
    f.accounts.close();
    f.accounts = f.build(AccountsFixture.settings(stronger, Duration.ZERO));
    login(user, password);
    assertThat(storedHash(user)).contains("m=2048,t=2,p=1");
    assertThat(login(user, password).accessToken()).isNotEmpty();
  }

  @Test
  void enrolment_firstStartTokenMakesAnAdministratorOnceAndOnlyOnce() throws Exception {
    Optional<String> token = Enrolment.issueOnFirstStart(f.database, f.clock);
    assertThat(token).isPresent();
    assertThat(Enrolment.issueOnFirstStart(f.database, f.clock)).as("a live token exists").isEmpty();

    String admin = AccountsFixture.username();
    String password = AccountsFixture.password();
    accounts().register(new Forms.Registration(admin, admin + "@example.com", password, token.get()));
    accounts().verifyEmail(f.outbox.latest(admin + "@example.com", "Verify").orElseThrow().token());
    VerifiedJwt jwt = f.verifier().verify(login(admin, password).accessToken());
    assertThat(jwt.scopes()).contains("admin", "audit:read", "secrets:read");
    assertThat(f.audit.find("account.enrol", "success")).hasSize(1);

    String second = AccountsFixture.username();
    assertPublicError(() -> accounts().register(new Forms.Registration(second, second + "@example.com", password, token.get())),
        ErrorKind.BAD_REQUEST);
    f.clock.advance(Duration.ofDays(2));
    assertThat(Enrolment.issueOnFirstStart(f.database, f.clock)).as("an administrator exists").isEmpty();
  }

  @Test
  void enrolment_bogusOrExpiredToken_isRefusedEvenWhenTheNameIsTaken() throws Exception {
    String user = AccountsFixture.username();
    String email = user + "@example.com";
    f.registerVerified(user, email, AccountsFixture.password());
    String bogus = "bwe_" + "A".repeat(43);
    assertPublicError(() -> accounts().register(new Forms.Registration(user, email, AccountsFixture.password(), bogus)),
        ErrorKind.BAD_REQUEST);
    String other = AccountsFixture.username();
    assertPublicError(() -> accounts().register(new Forms.Registration(other, other + "@example.com", AccountsFixture.password(), bogus)),
        ErrorKind.BAD_REQUEST);

    String expiring = f.accounts.enrolment().issue();
    f.clock.advance(Duration.ofHours(Enrolment.TTL_HOURS + 1));
    assertPublicError(() -> accounts().register(new Forms.Registration(other, other + "@example.com", AccountsFixture.password(), expiring)),
        ErrorKind.BAD_REQUEST);
    assertThat(Enrolment.issueOnFirstStart(f.database, f.clock)).as("no admin, no live token").isPresent();
  }

  private String storedHash(String user) {
    return f.database.read(c -> new AccountStore().byLogin(c, user)).orElseThrow().passwordHash();
  }

  private static PublicError catchPublic(ThrowingCallable call) {
    try {
      call.call();
    } catch (PublicError e) {
      return e;
    } catch (Throwable other) {
      throw new AssertionError("expected a PublicError", other);
    }
    throw new AssertionError("expected a PublicError, nothing was thrown");
  }
}
