package dev.bulwark.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.storage.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every database engine must meet for {@link SecretStore}. */
abstract class AbstractSecretStoreTest {
  static final String ALICE = "acct-alice";
  static final String BOB = "acct-bob";

  Database db;
  AeadKey rootKey;
  DataKeys dataKeys;
  RecordingAuditTrail audit;
  SecretStore store;

  abstract Database openDatabase();

  @BeforeEach
  void setUp() throws Exception {
    db = openDatabase();
    rootKey = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    dataKeys = DataKeys.open(db, rootKey.aead());
    audit = new RecordingAuditTrail();
    store = new SecretStore(db, dataKeys, audit, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    TestDatabases.dropSchema(db);
    db.close();
  }

  static SecretPath path(String p) {
    return new SecretPath(p);
  }

  static void assertKind(ThrowingCallable call, ErrorKind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void putThenGet_returnsLatestAndEachVersion() throws Exception {
    assertThat(store.put(ALICE, path("app/db"), "one", OptionalInt.empty())).isEqualTo(1);
    assertThat(store.put(ALICE, path("app/db"), "two", OptionalInt.empty())).isEqualTo(2);
    assertThat(store.get(ALICE, path("app/db"), OptionalInt.empty()).value()).isEqualTo("two");
    assertThat(store.get(ALICE, path("app/db"), OptionalInt.of(1)).value()).isEqualTo("one");
    assertThat(audit.withAction("secret.write")).hasSize(2);
    assertThat(audit.events()).allSatisfy(e -> assertThat(e.details().values()).doesNotContain("one", "two"));
  }

  @Test
  void otherOwner_getsNotFoundForTheSamePath() throws Exception {
    store.put(ALICE, path("shared/name"), "alice's", OptionalInt.empty());
    assertKind(() -> store.get(BOB, path("shared/name"), OptionalInt.empty()), ErrorKind.NOT_FOUND);
    assertKind(() -> store.metadata(BOB, path("shared/name")), ErrorKind.NOT_FOUND);
    assertKind(() -> store.destroy(BOB, path("shared/name"), List.of(1)), ErrorKind.NOT_FOUND);
    assertThat(store.list(BOB, "")).isEmpty();
    assertThat(store.get(ALICE, path("shared/name"), OptionalInt.empty()).value()).isEqualTo("alice's");
  }

  @Test
  void cas_zeroOnlyWhenAbsent_andNOnlyWhenCurrent() throws Exception {
    assertThat(store.put(ALICE, path("k"), "a", OptionalInt.of(0))).isEqualTo(1);
    assertKind(() -> store.put(ALICE, path("k"), "b", OptionalInt.of(0)), ErrorKind.CONFLICT);
    assertKind(() -> store.put(ALICE, path("k"), "b", OptionalInt.of(2)), ErrorKind.CONFLICT);
    assertThat(store.put(ALICE, path("k"), "b", OptionalInt.of(1))).isEqualTo(2);
    assertThat(store.get(ALICE, path("k"), OptionalInt.empty()).value()).isEqualTo("b");
  }

  @Test
  void onlyTenVersionsKept_olderArePruned() throws Exception {
    for (int i = 1; i <= 13; i++) {
      store.put(ALICE, path("many"), "v" + i, OptionalInt.empty());
    }
    SecretMetadata meta = store.metadata(ALICE, path("many"));
    assertThat(meta.currentVersion()).isEqualTo(13);
    assertThat(meta.versions()).extracting(SecretMetadata.Version::version).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    assertKind(() -> store.get(ALICE, path("many"), OptionalInt.of(3)), ErrorKind.NOT_FOUND);
    assertThat(store.get(ALICE, path("many"), OptionalInt.of(4)).value()).isEqualTo("v4");
  }

  @Test
  void softDelete_hidesUntilUndelete() throws Exception {
    store.put(ALICE, path("d"), "x", OptionalInt.empty());
    store.put(ALICE, path("d"), "y", OptionalInt.empty());
    assertThat(store.delete(ALICE, path("d"), List.of())).containsExactly(2);
    assertKind(() -> store.get(ALICE, path("d"), OptionalInt.empty()), ErrorKind.NOT_FOUND);
    assertThat(store.get(ALICE, path("d"), OptionalInt.of(1)).value()).isEqualTo("x");
    assertThat(store.metadata(ALICE, path("d")).versions().get(1).deletedAtMillis()).isPresent();
    assertThat(store.delete(ALICE, path("d"), List.of(2))).isEmpty();
    assertThat(store.undelete(ALICE, path("d"), List.of(2))).containsExactly(2);
    assertThat(store.get(ALICE, path("d"), OptionalInt.empty()).value()).isEqualTo("y");
  }

  @Test
  void destroy_erasesCiphertextForGood() throws Exception {
    store.put(ALICE, path("gone"), "secret", OptionalInt.empty());
    assertThat(store.destroy(ALICE, path("gone"), List.of(1))).containsExactly(1);
    assertKind(() -> store.get(ALICE, path("gone"), OptionalInt.of(1)), ErrorKind.NOT_FOUND);
    assertThat(store.undelete(ALICE, path("gone"), List.of(1))).isEmpty();
    assertThat(store.metadata(ALICE, path("gone")).versions().get(0).destroyed()).isTrue();
    long remaining = db.read(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM secret_versions WHERE ciphertext IS NOT NULL");
          var r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
    assertThat(remaining).isZero();
    assertThat(audit.withAction("secret.destroy")).hasSize(1);
  }

  @Test
  void oversizedValue_rejected() {
    String big = "x".repeat(SecretStore.MAX_VALUE_BYTES + 1);
    assertKind(() -> store.put(ALICE, path("big"), big, OptionalInt.empty()), ErrorKind.PAYLOAD_TOO_LARGE);
  }

  @Test
  void list_showsImmediateChildrenOfThePrefix() throws Exception {
    store.put(ALICE, path("app/db/password"), "1", OptionalInt.empty());
    store.put(ALICE, path("app/db/user"), "1", OptionalInt.empty());
    store.put(ALICE, path("app/token"), "1", OptionalInt.empty());
    store.put(ALICE, path("apple"), "1", OptionalInt.empty());
    assertThat(store.list(ALICE, "")).containsExactly("app/", "apple");
    assertThat(store.list(ALICE, "app/")).containsExactly("db/", "token");
    assertThat(store.list(ALICE, "app/db")).containsExactly("password", "user");
    assertKind(() -> store.list(ALICE, "../x"), ErrorKind.BAD_REQUEST);
  }

  @Test
  void rowCopiedToAnotherOwnerPathOrVersion_failsToDecrypt() throws Exception {
    store.put(ALICE, path("src"), "alice-value", OptionalInt.empty());
    store.put(BOB, path("dst"), "bob-value", OptionalInt.empty());
    store.put(ALICE, path("src"), "alice-v2", OptionalInt.empty());
    // Bob's row at dst v1 gets Alice's v1 ciphertext: another owner and another path.
    copyCiphertext(ALICE, "src", 1, BOB, "dst", 1);
    assertKind(() -> store.get(BOB, path("dst"), OptionalInt.empty()), ErrorKind.INTERNAL);
    // Alice's v2 gets her own v1 ciphertext: same owner and path, another version.
    copyCiphertext(ALICE, "src", 1, ALICE, "src", 2);
    assertKind(() -> store.get(ALICE, path("src"), OptionalInt.of(2)), ErrorKind.INTERNAL);
    assertThat(audit.events()).anySatisfy(e -> assertThat(e.outcome()).isEqualTo("failure"));
  }

  @Test
  void fieldMaps_roundTrip_inOrder_andVersionsMayChangeKind() throws Exception {
    java.util.LinkedHashMap<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("username", "app");
    fields.put("password", "pa\u00df \"w\u00f6rd\"\n");
    fields.put("a", "");
    store.put(ALICE, path("app/db"), "plain one", OptionalInt.empty());
    assertThat(store.put(ALICE, path("app/db"), new SecretContent.Fields(fields), OptionalInt.of(1))).isEqualTo(2);
    SecretValue latest = store.get(ALICE, path("app/db"), OptionalInt.empty());
    assertThat(latest.content()).isInstanceOfSatisfying(SecretContent.Fields.class,
        f -> assertThat(f.data()).containsExactly(
            java.util.Map.entry("username", "app"), java.util.Map.entry("password", "pa\u00df \"w\u00f6rd\"\n"),
            java.util.Map.entry("a", "")));
    assertThatThrownBy(latest::value).isInstanceOf(IllegalStateException.class);
    assertThat(latest.content().toString()).doesNotContain("username", "app", "w\u00f6rd");
    assertThat(store.get(ALICE, path("app/db"), OptionalInt.of(1)).value()).isEqualTo("plain one");
    assertThat(store.put(ALICE, path("empty"), new SecretContent.Fields(java.util.Map.of()), OptionalInt.empty())).isEqualTo(1);
    assertThat(((SecretContent.Fields) store.get(ALICE, path("empty"), OptionalInt.empty()).content()).data()).isEmpty();
    assertThat(audit.events()).allSatisfy(e -> assertThat(e.details().values()).doesNotContain("app", "plain one"));
  }

  @Test
  void fieldMaps_overTheSizeCap_areRefused_andBadFieldsAreMisuse() {
    java.util.Map<String, String> big = java.util.Map.of("blob", "x".repeat(SecretStore.MAX_VALUE_BYTES));
    assertKind(() -> store.put(ALICE, path("big"), new SecretContent.Fields(big), OptionalInt.empty()), ErrorKind.PAYLOAD_TOO_LARGE);
    assertKind(() -> store.get(ALICE, path("big"), OptionalInt.empty()), ErrorKind.NOT_FOUND);
    java.util.Map<String, String> tooMany = new java.util.HashMap<>();
    for (int i = 0; i <= SecretContent.MAX_FIELDS; i++) {
      tooMany.put("f" + i, "v");
    }
    assertThatThrownBy(() -> new SecretContent.Fields(tooMany)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretContent.Fields(java.util.Map.of("", "v"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretContent.Fields(java.util.Map.of("n".repeat(SecretContent.MAX_FIELD_NAME + 1), "v")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedKindChangedInTheDatabase_failsAuthentication_eitherWay() throws Exception {
    // The kind is bound into the associated data: relabelling a row cannot make the server read a
    // string as fields or fields as a string; the read fails like any tampered row.
    store.put(ALICE, path("s"), "{\"k\":\"v\"}", OptionalInt.empty());
    store.put(ALICE, path("f"), new SecretContent.Fields(java.util.Map.of("k", "v")), OptionalInt.empty());
    setKind(ALICE, "s", 1, "data");
    setKind(ALICE, "f", 1, "value");
    assertKind(() -> store.get(ALICE, path("s"), OptionalInt.empty()), ErrorKind.INTERNAL);
    assertKind(() -> store.get(ALICE, path("f"), OptionalInt.empty()), ErrorKind.INTERNAL);
    setKind(ALICE, "f", 1, "something-else");
    assertKind(() -> store.get(ALICE, path("f"), OptionalInt.empty()), ErrorKind.INTERNAL);
    setKind(ALICE, "f", 1, "data");
    assertThat(((SecretContent.Fields) store.get(ALICE, path("f"), OptionalInt.empty()).content()).data()).containsEntry("k", "v");
    assertThat(audit.events()).filteredOn(e -> e.outcome().equals("failure")).hasSize(3);
  }

  void setKind(String owner, String p, int version, String kind) {
    updateVersion("UPDATE secret_versions SET value_kind = ? WHERE owner_id = ? AND path = ? AND version = ?",
        kind, owner, p, version);
  }

  @Test
  void tamperedCiphertext_failsToDecrypt() throws Exception {
    store.put(ALICE, path("t"), "value", OptionalInt.empty());
    byte[] ct = ciphertext(ALICE, "t", 1);
    ct[ct.length - 1] ^= 1;
    setCiphertext(ALICE, "t", 1, ct);
    assertKind(() -> store.get(ALICE, path("t"), OptionalInt.empty()), ErrorKind.INTERNAL);
  }

  @Test
  void concurrentCasWriters_exactlyOneWins() throws Exception {
    store.put(ALICE, path("race"), "start", OptionalInt.empty());
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String value = "w" + i;
        Callable<Integer> write = () -> {
          go.await();
          try {
            return store.put(ALICE, path("race"), value, OptionalInt.of(1));
          } catch (PublicError e) {
            return e.kind() == ErrorKind.CONFLICT ? -1 : -2;
          }
        };
        results.add(pool.submit(write));
      }
      go.countDown();
      List<Integer> outcomes = new ArrayList<>();
      for (Future<Integer> f : results) {
        outcomes.add(f.get());
      }
      assertThat(outcomes).containsOnly(2, -1);
      assertThat(outcomes.stream().filter(v -> v == 2)).hasSize(1);
      assertThat(store.metadata(ALICE, path("race")).currentVersion()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentUnconditionalWriters_allLandWithDistinctVersions() throws Exception {
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return store.put(ALICE, path("busy"), "v", OptionalInt.empty());
        }));
      }
      go.countDown();
      List<Integer> versions = new ArrayList<>();
      for (Future<Integer> f : results) {
        versions.add(f.get());
      }
      assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dataKeyRotation_oldValuesStillOpen_newOnesUseNewKey() throws Exception {
    store.put(ALICE, path("r"), "before", OptionalInt.empty());
    int newPrimary = dataKeys.rotate();
    store.put(ALICE, path("r"), "after", OptionalInt.empty());
    assertThat(DataKeys.keyIdOf(ciphertext(ALICE, "r", 2))).isEqualTo(newPrimary);
    assertThat(DataKeys.keyIdOf(ciphertext(ALICE, "r", 1))).isNotEqualTo(newPrimary);
    assertThat(store.get(ALICE, path("r"), OptionalInt.of(1)).value()).isEqualTo("before");
    // A second instance on the same database loads the rotated keyset.
    DataKeys other = DataKeys.open(db, rootKey.aead());
    assertThat(other.primaryKeyId()).isEqualTo(newPrimary);
  }

  @Test
  void dataKeyset_underAnotherRootKey_refusedAtOpen() {
    AeadKey otherRoot = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    assertThatThrownBy(() -> DataKeys.open(db, otherRoot.aead())).isInstanceOf(dev.bulwark.crypto.CryptoException.class);
  }

  byte[] ciphertext(String owner, String p, int version) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT ciphertext FROM secret_versions WHERE owner_id = ? AND path = ? AND version = ?")) {
        s.setString(1, owner);
        s.setString(2, p);
        s.setInt(3, version);
        try (var r = s.executeQuery()) {
          r.next();
          return r.getBytes(1);
        }
      }
    });
  }

  void setCiphertext(String owner, String p, int version, byte[] ct) {
    updateVersion("UPDATE secret_versions SET ciphertext = ? WHERE owner_id = ? AND path = ? AND version = ?",
        ct, owner, p, version);
  }

  /** Runs {@code sql} (one column set to {@code value}, then owner, path, version) on exactly one row. */
  private void updateVersion(String sql, Object value, String owner, String p, int version) {
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setObject(1, value);
        s.setString(2, owner);
        s.setString(3, p);
        s.setInt(4, version);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      return null;
    });
  }

  void copyCiphertext(String fromOwner, String fromPath, int fromVersion, String toOwner, String toPath, int toVersion) {
    setCiphertext(toOwner, toPath, toVersion, ciphertext(fromOwner, fromPath, fromVersion));
  }
}
