package dev.bulwark.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.auth.apikey.ApiKeyRecord;
import dev.bulwark.auth.apikey.ApiKeyStore;
import dev.bulwark.auth.apikey.ApiKeys;
import dev.bulwark.auth.apikey.IssuedApiKey;
import dev.bulwark.auth.apikey.JdbcApiKeyStore;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.audit.AuditUnavailableException;
import dev.bulwark.server.audit.RecordingAuditTrail;
import dev.bulwark.server.audit.TestDatabases;
import dev.bulwark.server.audit.TestDatabases.Engine;
import dev.bulwark.server.http.Scope;
import dev.bulwark.server.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ApiKeyService} guarantees on every database engine. */
abstract class ApiKeyServiceContract {
  static final String ALICE = "acct_alice";
  static final String BOB = "acct_bob";
  static final Set<Scope> ALL = EnumSet.allOf(Scope.class);

  @TempDir Path temp;
  Database db;
  ApiKeyStore store;
  RecordingAuditTrail audit;
  ApiKeyService keys;
  ApiKeys verifier;

  abstract Engine engine();

  @BeforeEach
  void open() {
    db = TestDatabases.open(engine(), temp);
    store = JdbcApiKeyStore.create(db.dataSource(), "api_keys");
    audit = new RecordingAuditTrail();
    keys = new ApiKeyService(db, store, audit, Clock.systemUTC());
    verifier = ApiKeys.create(store);
  }

  @AfterEach
  void close() {
    TestDatabases.dispose(db);
  }

  @Test
  void create_keyVerifiesWithItsScopesAndIsStoredAsDigestOnly() throws Exception {
    IssuedApiKey issued = keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.of(Duration.ofDays(30)));
    String key = issued.key().insecureValue();
    assertThat(key).startsWith("bwk_");
    var verified = verifier.verify(key);
    assertThat(verified.owner()).isEqualTo(ALICE);
    assertThat(verified.scopes()).containsExactly("files:read");
    List<ApiKeyRecord> listed = keys.list(ALICE);
    assertThat(listed).hasSize(1);
    assertThat(listed.getFirst().toString()).doesNotContain(key);
    assertThat(listed.getFirst().expiresAt()).isPresent();
    assertThat(audit.actions()).containsExactly("apikey.create");
    assertThat(audit.events().getFirst().details().values()).noneMatch(v -> v.contains(key));
  }

  @Test
  void privilegeEscalation_scopeTheCallerLacks_isForbiddenAndNothingIssued() {
    assertThatThrownBy(() -> keys.create(ALICE, EnumSet.of(Scope.FILES_READ, Scope.APIKEYS_MANAGE),
        EnumSet.of(Scope.FILES_READ, Scope.ADMIN), Optional.empty()))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
    assertThat(keys.list(ALICE)).isEmpty();
    assertThat(audit.events()).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("denied"));
  }

  @Test
  void noScopesOrBadLifetime_isABadRequest() {
    assertThatThrownBy(() -> keys.create(ALICE, ALL, Set.of(), Optional.empty()))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    assertThatThrownBy(() -> keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.of(Duration.ofDays(-1))))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    assertThatThrownBy(() -> keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.of(Duration.ofDays(4000))))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    assertThat(keys.list(ALICE)).isEmpty();
  }

  @Test
  void revoke_stopsTheKeyAtOnceAndHidesItFromTheList() throws Exception {
    IssuedApiKey issued = keys.create(ALICE, ALL, EnumSet.of(Scope.SECRETS_READ), Optional.empty());
    keys.revoke(ALICE, issued.record().keyId());
    assertThatThrownBy(() -> verifier.verify(issued.key().insecureValue())).isInstanceOf(CryptoException.class);
    assertThat(keys.list(ALICE)).isEmpty();
    assertThat(audit.actions()).containsExactly("apikey.create", "apikey.revoke");
    assertThatThrownBy(() -> keys.revoke(ALICE, issued.record().keyId()))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void idor_otherOwnerCannotListOrRevoke_andGetsNotFoundNotForbidden() throws Exception {
    IssuedApiKey issued = keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_WRITE), Optional.empty());
    assertThat(keys.list(BOB)).isEmpty();
    assertThatThrownBy(() -> keys.revoke(BOB, issued.record().keyId()))
        .isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThat(verifier.verify(issued.key().insecureValue()).owner()).isEqualTo(ALICE);
  }

  @Test
  void auditFailureOnCreate_leavesNoWorkingKey() {
    audit.failFromNowOn();
    assertThatThrownBy(() -> keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.empty()))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(keys.list(ALICE)).isEmpty();
  }

  @Test
  void auditFailureOnRevoke_rollsTheRevocationBack() throws Exception {
    IssuedApiKey issued = keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.empty());
    audit.failFromNowOn();
    assertThatThrownBy(() -> keys.revoke(ALICE, issued.record().keyId())).isInstanceOf(AuditUnavailableException.class);
    assertThat(verifier.verify(issued.key().insecureValue()).keyId()).isEqualTo(issued.record().keyId());
  }

  @Test
  void concurrentRevocations_exactlyOneSucceeds() throws Exception {
    IssuedApiKey issued = keys.create(ALICE, ALL, EnumSet.of(Scope.FILES_READ), Optional.empty());
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Callable<Boolean>> tasks = Stream.<Callable<Boolean>>generate(() -> () -> {
        try {
          keys.revoke(ALICE, issued.record().keyId());
          return true;
        } catch (PublicError notFound) {
          return false;
        }
      }).limit(8).toList();
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    }
  }
}
