package dev.bulwark.server.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.kem.KemAlgorithm;
import dev.bulwark.crypto.kem.KemPublicKey;
import dev.bulwark.crypto.pke.XWingHybridEncryption;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.server.secrets.RecordingAuditTrail;
import dev.bulwark.server.secrets.TestDatabases;
import dev.bulwark.server.storage.Database;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every database engine must meet for {@link TransitService}. */
abstract class AbstractTransitServiceTest {
  static final String ALICE = "acct-alice";
  static final String BOB = "acct-bob";
  static final byte[] CTX = "invoice-42".getBytes(StandardCharsets.UTF_8);
  static final byte[] PT = "card 4111".getBytes(StandardCharsets.UTF_8);

  Database db;
  RecordingAuditTrail audit;
  TransitService transit;

  abstract Database openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    audit = new RecordingAuditTrail();
    transit = new TransitService(db, AeadKey.generate(AeadAlgorithm.AES256_GCM).aead(), audit, Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    TestDatabases.dropSchema(db);
    db.close();
  }

  static void assertKind(ThrowingCallable call, ErrorKind kind) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PublicError.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @ParameterizedTest
  @EnumSource(TransitKeyType.class)
  void encryptThenDecrypt_roundTrips(TransitKeyType type) throws Exception {
    transit.create(ALICE, "k", type);
    TransitCiphertext ct = transit.encrypt(ALICE, "k", PT, CTX);
    assertThat(ct.format()).startsWith("bulwark:v1:");
    assertThat(transit.decrypt(ALICE, "k", ct.format(), CTX)).isEqualTo(PT);
    assertThat(audit.withAction("transit.key.create")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(TransitKeyType.class)
  void wrongContext_refused(TransitKeyType type) throws Exception {
    transit.create(ALICE, "k", type);
    String ct = transit.encrypt(ALICE, "k", PT, CTX).format();
    assertKind(() -> transit.decrypt(ALICE, "k", ct, "invoice-43".getBytes(StandardCharsets.UTF_8)), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.decrypt(ALICE, "k", ct, new byte[0]), ErrorKind.BAD_REQUEST);
  }

  @ParameterizedTest
  @EnumSource(TransitKeyType.class)
  void tamperedCiphertext_refused(TransitKeyType type) throws Exception {
    transit.create(ALICE, "k", type);
    TransitCiphertext ct = transit.encrypt(ALICE, "k", PT, CTX);
    byte[] payload = ct.payload();
    payload[payload.length / 2] ^= 0x01;
    String tampered = new TransitCiphertext(1, payload).format();
    assertKind(() -> transit.decrypt(ALICE, "k", tampered, CTX), ErrorKind.BAD_REQUEST);
    byte[] truncated = java.util.Arrays.copyOf(ct.payload(), 10);
    assertKind(() -> transit.decrypt(ALICE, "k", new TransitCiphertext(1, truncated).format(), CTX), ErrorKind.BAD_REQUEST);
  }

  @Test
  void malformedCiphertextText_refused() throws Exception {
    transit.create(ALICE, "k", TransitKeyType.AES256_GCM);
    String good = transit.encrypt(ALICE, "k", PT, CTX).format();
    String body = good.substring("bulwark:v1:".length());
    for (String bad : new String[] {
        "vault:v1:" + body, "bulwark:v0:" + body, "bulwark:v01:" + body, "bulwark:1:" + body,
        "bulwark:v1:" + body + "=", "bulwark:v1:" + body + "+", "bulwark:v1:", "bulwark:v1:a", "",
        "bulwark:v9999999999:" + body, "bulwark:v1:" + "A".repeat(TransitCiphertext.MAX_CHARS)}) {
      assertKind(() -> transit.decrypt(ALICE, "k", bad, CTX), ErrorKind.BAD_REQUEST);
    }
  }

  @Test
  void nonCanonicalBase64_refused() throws Exception {
    transit.create(ALICE, "k", TransitKeyType.AES256_GCM);
    // 37-byte payload (9-byte plaintext + 28): the last base64url character carries 4 unused bits.
    String good = transit.encrypt(ALICE, "k", PT, CTX).format();
    char last = good.charAt(good.length() - 1);
    String sameBytes = good.substring(0, good.length() - 1) + (char) (last + 1);
    assertThat(java.util.Base64.getUrlDecoder().decode(sameBytes.substring(11)))
        .isEqualTo(java.util.Base64.getUrlDecoder().decode(good.substring(11)));
    assertKind(() -> transit.decrypt(ALICE, "k", sameBytes, CTX), ErrorKind.BAD_REQUEST);
    assertThat(transit.decrypt(ALICE, "k", good, CTX)).isEqualTo(PT);
  }

  @Test
  void otherOwnersKey_isNotFound() throws Exception {
    transit.create(ALICE, "shared", TransitKeyType.AES256_GCM);
    String ct = transit.encrypt(ALICE, "shared", PT, CTX).format();
    assertKind(() -> transit.read(BOB, "shared"), ErrorKind.NOT_FOUND);
    assertKind(() -> transit.decrypt(BOB, "shared", ct, CTX), ErrorKind.NOT_FOUND);
    assertKind(() -> transit.encrypt(BOB, "shared", PT, CTX), ErrorKind.NOT_FOUND);
    assertKind(() -> transit.rotate(BOB, "shared"), ErrorKind.NOT_FOUND);
    // Bob's own key of the same name is a different key: Alice's ciphertext does not open under it.
    transit.create(BOB, "shared", TransitKeyType.AES256_GCM);
    assertKind(() -> transit.decrypt(BOB, "shared", ct, CTX), ErrorKind.BAD_REQUEST);
  }

  @Test
  void wrongKeyName_refused() throws Exception {
    transit.create(ALICE, "a", TransitKeyType.AES256_GCM);
    transit.create(ALICE, "b", TransitKeyType.AES256_GCM);
    String ct = transit.encrypt(ALICE, "a", PT, CTX).format();
    assertKind(() -> transit.decrypt(ALICE, "b", ct, CTX), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.decrypt(ALICE, "missing", ct, CTX), ErrorKind.NOT_FOUND);
    assertKind(() -> transit.create(ALICE, "../x", TransitKeyType.AES256_GCM), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.create(ALICE, "a", TransitKeyType.X_WING), ErrorKind.CONFLICT);
  }

  @ParameterizedTest
  @EnumSource(TransitKeyType.class)
  void rotateThenMinDecryptionVersion_retiresOldCiphertexts(TransitKeyType type) throws Exception {
    transit.create(ALICE, "r", type);
    String v1 = transit.encrypt(ALICE, "r", PT, CTX).format();
    TransitKeyInfo info = transit.rotate(ALICE, "r");
    assertThat(info.latestVersion()).isEqualTo(2);
    assertThat(info.versions()).hasSize(2);
    String v2 = transit.encrypt(ALICE, "r", PT, CTX).format();
    assertThat(v2).startsWith("bulwark:v2:");
    assertThat(transit.decrypt(ALICE, "r", v1, CTX)).isEqualTo(PT);

    String rewrapped = transit.rewrap(ALICE, "r", v1, CTX).format();
    assertThat(rewrapped).startsWith("bulwark:v2:");
    transit.setMinDecryptionVersion(ALICE, "r", 2);
    assertKind(() -> transit.decrypt(ALICE, "r", v1, CTX), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.rewrap(ALICE, "r", v1, CTX), ErrorKind.BAD_REQUEST);
    assertThat(transit.decrypt(ALICE, "r", rewrapped, CTX)).isEqualTo(PT);
    // A v1 payload relabelled as v2 does not open under v2's key.
    String relabelled = "bulwark:v2:" + v1.substring("bulwark:v1:".length());
    assertKind(() -> transit.decrypt(ALICE, "r", relabelled, CTX), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.decrypt(ALICE, "r", "bulwark:v3:" + v1.substring(11), CTX), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.setMinDecryptionVersion(ALICE, "r", 3), ErrorKind.BAD_REQUEST);
    assertKind(() -> transit.setMinDecryptionVersion(ALICE, "r", 0), ErrorKind.BAD_REQUEST);
    assertThat(audit.withAction("transit.key.rotate")).hasSize(1);
  }

  @Test
  void concurrentRotations_eachAddsOneVersion() throws Exception {
    transit.create(ALICE, "busy", TransitKeyType.AES256_GCM);
    int racers = 5;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
    try {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.List<java.util.concurrent.Future<TransitKeyInfo>> results = new java.util.ArrayList<>();
      for (int i = 0; i < racers; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return transit.rotate(ALICE, "busy");
        }));
      }
      go.countDown();
      for (var f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    TransitKeyInfo info = transit.read(ALICE, "busy");
    assertThat(info.latestVersion()).isEqualTo(1 + racers);
    assertThat(info.versions()).extracting(TransitKeyInfo.Version::version).containsExactly(1, 2, 3, 4, 5, 6);
    String ct = transit.encrypt(ALICE, "busy", PT, CTX).format();
    assertThat(ct).startsWith("bulwark:v6:");
    assertThat(transit.decrypt(ALICE, "busy", ct, CTX)).isEqualTo(PT);
  }

  @Test
  void xWingPublicKey_letsAClientEncryptOffline() throws Exception {
    TransitKeyInfo info = transit.create(ALICE, "pq", TransitKeyType.X_WING);
    byte[] raw = info.versions().get(0).publicKey().orElseThrow();
    KemPublicKey publicKey = KemPublicKey.fromRaw(KemAlgorithm.X_WING, raw);
    byte[] offline = XWingHybridEncryption.encrypter(publicKey).encrypt(PT, CTX);
    String text = "bulwark:v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(offline);
    assertThat(transit.decrypt(ALICE, "pq", text, CTX)).isEqualTo(PT);
    assertThat(transit.read(ALICE, "pq").versions().get(0).publicKey()).isPresent();
    transit.create(ALICE, "sym", TransitKeyType.AES256_GCM);
    assertThat(transit.read(ALICE, "sym").versions().get(0).publicKey()).isEmpty();
  }

  @Test
  void oversizedInput_refused() throws Exception {
    transit.create(ALICE, "k", TransitKeyType.AES256_GCM);
    assertKind(() -> transit.encrypt(ALICE, "k", new byte[TransitService.MAX_PLAINTEXT_BYTES + 1], CTX),
        ErrorKind.PAYLOAD_TOO_LARGE);
    assertKind(() -> transit.encrypt(ALICE, "k", PT, new byte[TransitService.MAX_CONTEXT_BYTES + 1]),
        ErrorKind.PAYLOAD_TOO_LARGE);
  }

  @Test
  void sealedKeyCopiedToAnotherOwner_doesNotOpen() throws Exception {
    transit.create(ALICE, "k", TransitKeyType.AES256_GCM);
    transit.create(BOB, "k", TransitKeyType.AES256_GCM);
    String aliceCt = transit.encrypt(ALICE, "k", PT, CTX).format();
    // An attacker with database access gives Bob Alice's sealed key, hoping to decrypt her data as Bob.
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE transit_key_versions SET sealed_material = (SELECT sealed_material FROM transit_key_versions"
              + " WHERE owner_id = ? AND name = 'k' AND version = 1) WHERE owner_id = ? AND name = 'k'")) {
        s.setString(1, ALICE);
        s.setString(2, BOB);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }
      return null;
    });
    assertKind(() -> transit.decrypt(BOB, "k", aliceCt, CTX), ErrorKind.INTERNAL);
  }

  @Test
  void storedMaterial_isNeverTheRawKey() throws Exception {
    transit.create(ALICE, "k", TransitKeyType.AES256_GCM);
    byte[] sealed = db.read(c -> {
      try (var s = c.prepareStatement("SELECT sealed_material FROM transit_key_versions"); var r = s.executeQuery()) {
        r.next();
        return r.getBytes(1);
      }
    });
    // 32-byte key + 12-byte nonce + 16-byte tag: sealed, not stored raw.
    assertThat(sealed).hasSize(60);
  }
}
