package dev.bulwark.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.crypto.hash.DigestAlgorithm;
import dev.bulwark.crypto.hash.Digests;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.files.UploadRejectedException;
import dev.bulwark.server.audit.AuditUnavailableException;
import dev.bulwark.server.audit.RecordingAuditTrail;
import dev.bulwark.server.audit.TestDatabases;
import dev.bulwark.server.audit.TestDatabases.Engine;
import dev.bulwark.server.storage.Database;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link FileService} guarantees on every database engine. */
abstract class FileServiceContract {
  static final String ALICE = "acct_alice";
  static final String BOB = "acct_bob";

  @TempDir Path temp;
  Database db;
  RecordingAuditTrail audit;
  FileService files;
  Path filesDir;

  abstract Engine engine();

  @BeforeEach
  void open() {
    db = TestDatabases.open(engine(), temp);
    audit = new RecordingAuditTrail();
    filesDir = temp.resolve("files");
    files = FileService.create(db, filesDir, audit, Limits.defaults().withMaxUploadBytes(64 * 1024), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    TestDatabases.dispose(db);
  }

  static byte[] png() {
    byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0};
    return header;
  }

  @Test
  void upload_png_storesSniffedMetadataAndExactBytes() throws Exception {
    StoredFile f = files.upload(ALICE, new ByteArrayInputStream(png()), "../holiday photo.png");
    assertThat(f.id()).startsWith("file_");
    assertThat(f.mediaType()).isEqualTo("image/png");
    assertThat(f.originalName()).isEqualTo("holiday photo.png");
    assertThat(f.sizeBytes()).isEqualTo(png().length);
    assertThat(f.sha256Hex()).isEqualTo(HexFormat.of().formatHex(Digests.digest(DigestAlgorithm.SHA256, png())));
    assertThat(files.list(ALICE)).containsExactly(f);
    try (InputStream in = files.download(ALICE, f.id()).orElseThrow().content()) {
      assertThat(in.readAllBytes()).isEqualTo(png());
    }
    assertThat(audit.actions()).containsExactly("file.upload", "file.download");
  }

  @Test
  void idor_otherOwnerCannotListFindDownloadOrDelete() throws Exception {
    StoredFile f = files.upload(ALICE, new ByteArrayInputStream(png()), "a.png");
    assertThat(files.list(BOB)).isEmpty();
    assertThat(files.find(BOB, f.id())).isEmpty();
    assertThat(files.download(BOB, f.id())).isEmpty();
    assertThat(files.delete(BOB, f.id())).isFalse();
    assertThat(files.find(ALICE, f.id())).contains(f);
  }

  @Test
  void htmlDisguisedAsPng_isRejectedAndLeavesNothing() {
    byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> files.upload(ALICE, new ByteArrayInputStream(html), "cat.png"))
        .isInstanceOfSatisfying(UploadRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(UploadRejectedException.Reason.TYPE_NOT_ALLOWED));
    assertThat(files.list(ALICE)).isEmpty();
    assertThat(entries(filesDir)).isEmpty();
  }

  @Test
  void pngNamedPdf_isRejectedForTheExtensionMismatch() {
    assertThatThrownBy(() -> files.upload(ALICE, new ByteArrayInputStream(png()), "report.pdf"))
        .isInstanceOfSatisfying(UploadRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(UploadRejectedException.Reason.EXTENSION_MISMATCH));
    assertThat(entries(filesDir)).isEmpty();
  }

  @Test
  void oversizedUpload_isRejectedAtTheCapAndLeavesNothing() {
    byte[] big = new byte[64 * 1024 + 1];
    System.arraycopy(png(), 0, big, 0, png().length);
    assertThatThrownBy(() -> files.upload(ALICE, new ByteArrayInputStream(big), "big.png"))
        .isInstanceOfSatisfying(UploadRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(UploadRejectedException.Reason.TOO_LARGE));
    assertThat(files.list(ALICE)).isEmpty();
    assertThat(entries(filesDir)).isEmpty();
  }

  @Test
  void auditFailure_refusesTheUploadAndRemovesRowAndBytes() {
    audit.failFromNowOn();
    assertThatThrownBy(() -> files.upload(ALICE, new ByteArrayInputStream(png()), "a.png"))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(files.list(ALICE)).isEmpty();
    assertThat(entries(filesDir)).isEmpty();
  }

  @Test
  void delete_removesRowAndBytesExactlyOnce() throws Exception {
    StoredFile f = files.upload(ALICE, new ByteArrayInputStream("hello, world\n".getBytes(StandardCharsets.US_ASCII)), "notes.txt");
    assertThat(f.mediaType()).isEqualTo("text/plain");
    assertThat(entries(filesDir)).hasSize(1);
    assertThat(files.delete(ALICE, f.id())).isTrue();
    assertThat(files.delete(ALICE, f.id())).isFalse();
    assertThat(files.download(ALICE, f.id())).isEmpty();
    assertThat(entries(filesDir)).isEmpty();
    assertThat(audit.actions()).containsExactly("file.upload", "file.delete");
  }

  @Test
  void concurrentDeletes_exactlyOneWins() throws Exception {
    StoredFile f = files.upload(ALICE, new ByteArrayInputStream(png()), "a.png");
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Callable<Boolean>> tasks = Stream.<Callable<Boolean>>generate(() -> () -> files.delete(ALICE, f.id())).limit(8).toList();
      long winners = 0;
      for (Future<Boolean> r : pool.invokeAll(tasks)) {
        winners += r.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    }
  }

  private static List<Path> entries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
