package dev.bulwark.crypto.keyset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.aead.AeadAlgorithm;
import dev.bulwark.crypto.aead.AeadKey;
import dev.bulwark.crypto.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealedKeysetFormatTest {
  private static final byte[] AD = "ctx".getBytes(StandardCharsets.UTF_8);
  private static final String KEY_B64 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
  private final AeadKey kek = AeadKey.generate(AeadAlgorithm.AES256_GCM);

  private static Keyset sample() {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    int first = keyset.primaryKeyId();
    keyset = keyset.rotate(KeysetPreset.CHACHA20_POLY1305);
    int second = keyset.primaryKeyId();
    keyset = keyset.rotate(KeysetPreset.XCHACHA20_POLY1305).disable(second).destroy(first);
    return keyset;
  }

  @Test
  void sealThenOpen_roundTripsIdsStatesPrimaryAndKeys() throws CryptoException {
    Keyset keyset = sample();
    byte[] ct = keyset.aead().encrypt("secret".getBytes(StandardCharsets.UTF_8), AD);
    Keyset loaded = Keyset.open(keyset.seal(kek), kek);
    assertThat(loaded.keys()).isEqualTo(keyset.keys());
    assertThat(loaded.primaryKeyId()).isEqualTo(keyset.primaryKeyId());
    assertThat(loaded.aead().decrypt(ct, AD)).asString(StandardCharsets.UTF_8).isEqualTo("secret");
  }

  @Test
  void sealedJson_holdsNoPlaintextKey() throws CryptoException {
    Keyset keyset = Keyset.generate(KeysetPreset.AES256_GCM);
    String sealed = keyset.seal(kek);
    KeyEntry entry = keyset.entry(keyset.primaryKeyId());
    byte[] raw = entry.key().insecureExportBytes();
    assertThat(sealed)
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))
        .doesNotContain(Base64.getEncoder().encodeToString(raw))
        .doesNotContain(java.util.HexFormat.of().formatHex(raw))
        .doesNotContain("material")
        .doesNotContain(Integer.toUnsignedString(keyset.primaryKeyId()));
  }

  @Test
  void wrongKek_isRejected() throws CryptoException {
    String sealed = sample().seal(kek);
    AeadKey other = AeadKey.generate(AeadAlgorithm.AES256_GCM);
    assertThatThrownBy(() -> Keyset.open(sealed, other)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("authentication failed");
    AeadKey chacha = AeadKey.generate(AeadAlgorithm.CHACHA20_POLY1305);
    assertThatThrownBy(() -> Keyset.open(sealed, chacha)).isInstanceOf(CryptoException.class)
        .hasMessageContaining("key-encryption key");
  }

  @Test
  void flippedCharacterInCiphertext_isRejectedEverywhere() throws CryptoException {
    String sealed = Keyset.generate(KeysetPreset.AES256_GCM).seal(kek);
    Map<String, Object> outer = Json.parseObject(sealed);
    String ct = (String) outer.get("ciphertext");
    for (int i = 0; i < ct.length(); i++) {
      char replacement = ct.charAt(i) == 'A' ? 'B' : 'A';
      String tampered = with(outer, "ciphertext", ct.substring(0, i) + replacement + ct.substring(i + 1));
      assertThatThrownBy(() -> Keyset.open(tampered, kek)).isInstanceOf(CryptoException.class);
    }
  }

  @Test
  void ciphertextSplicedFromTwoKeysets_isRejected() throws CryptoException {
    String a = (String) Json.parseObject(sample().seal(kek)).get("ciphertext");
    Map<String, Object> outerB = Json.parseObject(sample().seal(kek));
    String b = (String) outerB.get("ciphertext");
    int half = Math.min(a.length(), b.length()) / 2;
    String spliced = with(outerB, "ciphertext", a.substring(0, half) + b.substring(half));
    assertThatThrownBy(() -> Keyset.open(spliced, kek)).isInstanceOf(CryptoException.class);
  }

  @Test
  void outerDocumentChanges_areRejected() throws CryptoException {
    Map<String, Object> outer = Json.parseObject(sample().seal(kek));
    assertRejected(with(outer, "version", 2), "version");
    assertRejected(with(outer, "format", "tink-keyset"), "format");
    assertRejected(with(outer, "kekAlgorithm", "AES128_GCM"), "kekAlgorithm");
    assertRejected(with(outer, "extra", "x"), "unknown field");
    assertRejected(with(outer, "ciphertext", "not base64!"), "base64");
    Map<String, Object> missing = new LinkedHashMap<>(outer);
    missing.remove("ciphertext");
    assertRejected(Json.write(missing), "lacks");
    assertRejected("[]", "");
    assertRejected("{\"format\":\"bulwark-sealed-keyset\",\"format\":1}", "duplicate");
  }

  @Test
  void oversizedDocument_isRejectedBeforeParsing() {
    String huge = "{\"pad\":\"" + "x".repeat(SealedKeysetFormat.MAX_DOCUMENT_CHARS) + "\"}";
    assertRejected(huge, "larger");
  }

  @Test
  void innerDocumentDuplicateIds_areRejected() throws CryptoException {
    String inner = "{\"version\":1,\"primaryKeyId\":7,\"keys\":[" + key(7, "ENABLED") + "," + key(7, "ENABLED") + "]}";
    assertRejected(SealedKeysetFormat.sealDocument(inner, kek), "duplicate key id");
  }

  @Test
  void innerDocumentWithoutUsablePrimary_isRejected() throws CryptoException {
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":8,\"keys\":[" + key(7, "ENABLED") + "]}", kek), "primary");
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":7,\"keys\":[" + key(7, "DISABLED") + "]}", kek), "primary");
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":7,\"keys\":[{\"id\":7,\"algorithm\":\"AES256_GCM\",\"status\":\"DESTROYED\"}]}",
        kek), "primary");
  }

  @Test
  void innerDocumentShapeErrors_areRejected() throws CryptoException {
    String ok = key(7, "ENABLED");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":2,\"primaryKeyId\":7,\"keys\":[" + ok + "]}", kek), "version");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":1,\"primaryKeyId\":7,\"keys\":[]}", kek), "1 to");
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":7,\"keys\":[" + ok + "],\"note\":1}", kek), "unknown field");
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":4294967296,\"keys\":[" + ok + "]}", kek), "32-bit");
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":7.5,\"keys\":[" + ok + "]}", kek), "32-bit");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":1,\"primaryKeyId\":7,\"keys\":[{\"id\":7,"
        + "\"algorithm\":\"AES256_GCM\",\"status\":\"ENABLED\",\"material\":\"AAAA\"}]}", kek), "wrong length");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":1,\"primaryKeyId\":7,\"keys\":[{\"id\":7,"
        + "\"algorithm\":\"DES\",\"status\":\"ENABLED\",\"material\":\"" + KEY_B64 + "\"}]}", kek), "algorithm");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":1,\"primaryKeyId\":7,\"keys\":[{\"id\":7,"
        + "\"algorithm\":\"AES256_GCM\",\"status\":\"ENABLED\"}]}", kek), "material");
    assertRejected(SealedKeysetFormat.sealDocument("{\"version\":1,\"primaryKeyId\":7,\"keys\":[{\"id\":7,"
        + "\"algorithm\":\"AES256_GCM\",\"status\":\"DESTROYED\",\"material\":\"" + KEY_B64 + "\"}]}", kek), "unknown field");
    assertRejected(SealedKeysetFormat.sealDocument("not json", kek), "");
  }

  @Test
  void tooManyKeys_areRejected() throws CryptoException {
    StringBuilder keys = new StringBuilder();
    for (int i = 1; i <= Keyset.MAX_KEYS + 1; i++) {
      keys.append(i > 1 ? "," : "").append(key(i, "ENABLED"));
    }
    assertRejected(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":1,\"keys\":[" + keys + "]}", kek), "1 to");
  }

  @Test
  void validCraftedDocument_loads() throws CryptoException {
    Keyset loaded = Keyset.open(SealedKeysetFormat.sealDocument(
        "{\"version\":1,\"primaryKeyId\":4294967295,\"keys\":[" + key(0xFFFF_FFFFL, "ENABLED") + "]}", kek), kek);
    assertThat(loaded.primaryKeyId()).isEqualTo(-1);
    assertThat(loaded.keys().get(0).keyIdText()).isEqualTo("4294967295");
  }

  private void assertRejected(String document, String messagePart) {
    assertThatThrownBy(() -> Keyset.open(document, kek)).isInstanceOf(CryptoException.class)
        .hasMessageContaining(messagePart);
  }

  private static String key(long id, String status) {
    return "{\"id\":" + id + ",\"algorithm\":\"AES256_GCM\",\"status\":\"" + status + "\",\"material\":\"" + KEY_B64 + "\"}";
  }

  private static String with(Map<String, Object> outer, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(outer);
    copy.put(field, value);
    return Json.write(copy);
  }
}
