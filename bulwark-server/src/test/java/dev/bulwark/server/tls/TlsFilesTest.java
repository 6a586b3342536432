package dev.bulwark.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {
  @TempDir Path dir;

  @Test
  void firstStart_makesAP256LocalhostCertificateForOneYear_withA0600Key() throws Exception {
    TlsIdentity identity = TlsFiles.load(Optional.empty(), Optional.empty(), dir, Clock.systemUTC());
    X509Certificate cert = identity.leaf();
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(cert.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
        .containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    long days = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
    assertThat(days).isBetween(364L, 366L);
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    Path key = dir.resolve("tls/key.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(identity.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  }

  @Test
  void restart_reusesTheSameCertificate() {
    TlsIdentity first = TlsFiles.load(Optional.empty(), Optional.empty(), dir, Clock.systemUTC());
    TlsIdentity second = TlsFiles.load(Optional.empty(), Optional.empty(), dir, Clock.systemUTC());
    assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
  }

  @Test
  void configuredPemFiles_areUsed() {
    TlsIdentity made = TlsFiles.load(Optional.empty(), Optional.empty(), dir.resolve("made"), Clock.systemUTC());
    TlsIdentity configured = TlsFiles.load(Optional.of(dir.resolve("made/tls/cert.pem")),
        Optional.of(dir.resolve("made/tls/key.pem")), dir.resolve("unused"), Clock.systemUTC());
    assertThat(configured.sha256Fingerprint()).isEqualTo(made.sha256Fingerprint());
    assertThat(dir.resolve("unused/tls")).doesNotExist();
  }

  @Test
  void garbageOrMissingFiles_areRefusedNamingTheSetting() throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    TlsFiles.load(Optional.empty(), Optional.empty(), dir, Clock.systemUTC());
    assertThatThrownBy(() -> TlsFiles.load(Optional.of(junk), Optional.of(dir.resolve("tls/key.pem")), dir, Clock.systemUTC()))
        .isInstanceOf(TlsSetupException.class).hasMessageStartingWith("tls.cert:");
    assertThatThrownBy(() -> TlsFiles.load(Optional.of(dir.resolve("tls/cert.pem")), Optional.of(junk), dir, Clock.systemUTC()))
        .isInstanceOf(TlsSetupException.class).hasMessageStartingWith("tls.key:");
    assertThatThrownBy(() -> TlsFiles.load(Optional.of(dir.resolve("nope.pem")), Optional.of(junk), dir, Clock.systemUTC()))
        .isInstanceOf(TlsSetupException.class).hasMessageStartingWith("tls.cert:");
  }

  @Test
  void cipherSuites_areAllAeadWithForwardSecrecy() {
    assertThat(List.of(TlsConnectors.CIPHER_SUITES)).allSatisfy(suite -> {
      assertThat(suite).containsAnyOf("_GCM_", "CHACHA20_POLY1305");
      assertThat(suite).doesNotContain("CBC", "SHA1", "NULL", "EXPORT", "RC4", "3DES").doesNotStartWith("TLS_RSA_");
    });
  }
}
