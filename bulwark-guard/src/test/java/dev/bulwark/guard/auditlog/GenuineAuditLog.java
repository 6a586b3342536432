package dev.bulwark.guard.auditlog;

import dev.bulwark.crypto.mac.MacAlgorithm;
import dev.bulwark.crypto.mac.MacKey;
import dev.bulwark.crypto.signature.SignatureAlgorithm;
import dev.bulwark.crypto.signature.SigningKey;
import dev.bulwark.guard.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The untouched log the audit fuzz targets start from: 7 records with a checkpoint every 3, closed
 * (so checkpoints after records 3, 6 and 7), written once per JVM under fixed chain key and clock.
 *
 * @param log the log file's text
 * @param headFile the head file's bytes (two slots: the checkpoints after records 7 and 6)
 */
record GenuineAuditLog(String log, byte[] headFile) {
  static final AuditKeys KEYS = new AuditKeys(
      MacKey.insecureFromBytes(MacAlgorithm.HMAC_SHA256, new byte[32]),
      SigningKey.generate(SignatureAlgorithm.ED25519), Optional.empty());
  static final GenuineAuditLog INSTANCE = write();

  private static GenuineAuditLog write() {
    try {
      Path dir = Files.createTempDirectory("audit-fuzz");
      Path log = dir.resolve("audit.log");
      try (AuditLog audit = AuditLog.open(log, KEYS, 3, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), Limits.defaults())) {
        for (int i = 0; i < 7; i++) {
          audit.append(AuditEvent.of("login", "user" + i, "success"));
        }
      }
      return new GenuineAuditLog(Files.readString(log, StandardCharsets.UTF_8), Files.readAllBytes(AuditLog.headPath(log)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (AuditTamperedException | AuditWriteException e) {
      throw new IllegalStateException(e);
    }
  }
}
