package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditTamperedException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-slot head file (docs/audit-log.md, "The head file"): heads are written in place in turn,
 * a torn or forged slot is skipped in favour of the other, the first format still verifies and is
 * converted at the next publish, and what no slot vouches for is refused.
 */
class AuditHeadFileTest {
  private static AuditKeys keys;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T21:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Path log;
  Path head;

  @BeforeAll
  static void generateKeys() {
    keys = AuditKeys.generate();
  }

  @BeforeEach
  void paths() {
    log = dir.resolve("audit.log");
    head = AuditLog.headPath(log);
  }

  private static AuditEvent event(int i) {
    return AuditEvent.of("secret.read", "user" + i, "success");
  }

  private List<String> slots() throws IOException {
    byte[] file = Files.readAllBytes(head);
    assertThat(file).hasSize(AuditHeadFile.FILE_BYTES);
    assertThat(file[AuditHeadFile.SLOT_BYTES - 1]).isEqualTo((byte) '\n');
    assertThat(file[AuditHeadFile.FILE_BYTES - 1]).isEqualTo((byte) '\n');
    return List.of(new String(file, 0, AuditHeadFile.SLOT_BYTES, StandardCharsets.US_ASCII).strip(),
        new String(file, AuditHeadFile.SLOT_BYTES, AuditHeadFile.SLOT_BYTES, StandardCharsets.US_ASCII).strip());
  }

  private void overwriteSlot(int slot, byte[] bytes) throws IOException {
    byte[] file = Files.readAllBytes(head);
    System.arraycopy(bytes, 0, file, slot * AuditHeadFile.SLOT_BYTES, bytes.length);
    Files.write(head, file);
  }

  private void truncateLogTo(int lines) throws IOException {
    List<String> kept = Files.readAllLines(log, StandardCharsets.UTF_8).subList(0, lines);
    Files.writeString(log, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
  }

  private AuditTamperedException tampered() {
    return assertThrows(AuditTamperedException.class, () -> AuditLogVerifier.verify(log, keys.verifyKeys()));
  }

  /** Keeps the log's first {@code lines} lines and expects the head (covering {@code covered}) to catch the cut. */
  private void assertCutCaught(int lines, long recordsLeft, long covered) throws IOException {
    truncateLogTo(lines);
    AuditTamperedException e = tampered();
    assertThat(e.kind()).isEqualTo(Kind.TRUNCATED);
    assertThat(e.getMessage()).contains("after record " + recordsLeft, "covers record " + covered);
  }

  /** Log with a checkpoint after every record: lines R1 C1 R2 C2 R3 C3, heads C1, C2, C3. */
  private List<String> threeHeads() throws Exception {
    try (AuditLog audit = AuditLog.open(log, keys, 1, CLOCK, Limits.defaults())) {
      audit.append(event(1));
      assertThat(slots()).containsExactly(audit.head().orElseThrow(), "");
      String c1 = audit.head().orElseThrow();
      audit.append(event(2));
      String c2 = audit.head().orElseThrow();
      assertThat(slots()).containsExactly(c1, c2);
      audit.append(event(3));
      String c3 = audit.head().orElseThrow();
      assertThat(slots()).containsExactly(c3, c2);
      return List.of(c1, c2, c3);
    }
  }

  @Test
  void heads_areWrittenInPlaceInTurn_andTheNewestVerifies() throws Exception {
    List<String> heads = threeHeads();
    assertThat(heads.get(2)).startsWith("C 3 ");
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.headChecked()).isTrue();
    assertThat(ok.records()).isEqualTo(3);
    if (head.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(head))).isEqualTo("rw-------");
    }
    assertThat(Files.exists(head.resolveSibling(head.getFileName() + ".tmp"))).isFalse();
    // The newest head catches a cut of the last record and its checkpoint.
    assertCutCaught(4, 2, 3);
  }

  @Test
  void reopenedWriter_overwritesTheOlderSlot() throws Exception {
    List<String> heads = threeHeads();
    try (AuditLog audit = AuditLog.open(log, keys, 1, CLOCK, Limits.defaults())) {
      audit.append(event(4));
      assertThat(slots()).containsExactly(heads.get(2), audit.head().orElseThrow());
      audit.append(event(5));
      assertThat(slots().get(0)).startsWith("C 5 ");
    }
    assertThat(AuditLogVerifier.verify(log, keys.verifyKeys()).records()).isEqualTo(5);
  }

  @Test
  void tornNewestSlot_isSkipped_andTheOlderHeadStillCatchesCutsBelowIt() throws Exception {
    threeHeads();
    // A crash halfway through writing C3 into slot 0: its first half is new bytes, the rest old.
    byte[] torn = new byte[AuditHeadFile.SLOT_BYTES / 2];
    Arrays.fill(torn, (byte) 'x');
    overwriteSlot(0, torn);
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.headChecked()).isTrue();
    assertThat(ok.records()).isEqualTo(3);
    // C2 in slot 1 is now the head: a cut below record 2 is still found.
    assertCutCaught(2, 1, 2);
  }

  @Test
  void forgedNewerSlot_isNotTaken() throws Exception {
    List<String> heads = threeHeads();
    // A well-formed checkpoint claiming record 9, with C3's MAC and signature: it cannot verify.
    String forged = heads.get(2).replaceFirst("^C 3 ", "C 9 ");
    overwriteSlot(1, AuditHeadFile.slot(forged));
    AuditVerification ok = AuditLogVerifier.verify(log, keys.verifyKeys());
    assertThat(ok.headChecked()).isTrue();
    assertThat(ok.records()).isEqualTo(3);
  }

  @Test
  void noSlotThatVerifies_isABadCheckpoint() throws Exception {
    List<String> heads = threeHeads();
    overwriteSlot(0, AuditHeadFile.slot(heads.get(2).replaceFirst("^C 3 ", "C 9 ")));
    overwriteSlot(1, AuditHeadFile.slot("C 2 not-a-mac"));
    assertThat(tampered().kind()).isEqualTo(Kind.BAD_CHECKPOINT);
    overwriteSlot(0, AuditHeadFile.slot(""));
    overwriteSlot(1, AuditHeadFile.slot(""));
    AuditTamperedException blank = tampered();
    assertThat(blank.kind()).isEqualTo(Kind.BAD_CHECKPOINT);
    assertThat(blank.getMessage()).contains("holds no checkpoint");
    // And a log that no longer verifies is not continued.
    assertThatThrownBy(() -> AuditLog.open(log, keys, 1, CLOCK, Limits.defaults())).isInstanceOf(AuditTamperedException.class);
  }

  @Test
  void firstFormatHead_stillVerifies_andBecomesSlottedAtTheNextPublish() throws Exception {
    List<String> heads = threeHeads();
    List<String> logLines = Files.readAllLines(log, StandardCharsets.UTF_8);
    // What an earlier version left: the latest checkpoint line alone.
    Files.writeString(head, heads.get(2) + "\n", StandardCharsets.US_ASCII);
    assertThat(AuditLogVerifier.verify(log, keys.verifyKeys()).headChecked()).isTrue();
    assertCutCaught(4, 2, 3);
    Files.writeString(log, String.join("\n", logLines) + "\n", StandardCharsets.UTF_8);

    try (AuditLog audit = AuditLog.open(log, keys, 1, CLOCK, Limits.defaults())) {
      audit.append(event(4));
      assertThat(slots()).containsExactly(audit.head().orElseThrow(), "");
    }
    assertThat(AuditLogVerifier.verify(log, keys.verifyKeys()).records()).isEqualTo(4);
  }

  @Test
  void oversizedOrNonAsciiHeadFile_isABadCheckpoint() throws Exception {
    threeHeads();
    Files.write(head, new byte[1 << 20]);
    assertThat(tampered().kind()).isEqualTo(Kind.BAD_CHECKPOINT);
    Files.write(head, "C 3 \u00e9\n".getBytes(StandardCharsets.UTF_8));
    assertThat(tampered().kind()).isEqualTo(Kind.BAD_CHECKPOINT);
  }

  @Test
  void symlinkedHead_isReplacedNotFollowed() throws Exception {
    Path elsewhere = dir.resolve("elsewhere.txt");
    Files.writeString(elsewhere, "keep me\n");
    Files.createSymbolicLink(head, elsewhere);
    try (AuditLog audit = AuditLog.open(log, keys, 1, CLOCK, Limits.defaults())) {
      audit.append(event(1));
    }
    assertThat(Files.readString(elsewhere)).isEqualTo("keep me\n");
    assertThat(Files.isSymbolicLink(head)).isFalse();
    assertThat(AuditLogVerifier.verify(log, keys.verifyKeys()).headChecked()).isTrue();
  }

  @Test
  void postQuantumHead_fitsItsSlot() throws Exception {
    AuditKeys hybrid = AuditKeys.generateWithPostQuantum();
    try (AuditLog audit = AuditLog.open(log, hybrid, 1, CLOCK, Limits.defaults())) {
      audit.append(event(1));
      audit.append(event(2));
      assertThat(audit.head().orElseThrow().length()).isGreaterThan(4_000).isLessThan(AuditHeadFile.SLOT_BYTES);
      assertThat(slots().get(1)).isEqualTo(audit.head().orElseThrow());
    }
    assertThat(AuditLogVerifier.verify(log, hybrid.verifyKeys()).headChecked()).isTrue();
  }

  @Test
  void lineTooLongForASlot_isRefused() {
    assertThatThrownBy(() -> AuditHeadFile.slot("C 1 " + "a".repeat(AuditHeadFile.SLOT_BYTES)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
