package dev.bulwark.guard.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.files.UploadRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStoreTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};

  @TempDir Path dir;
  UploadStore store;

  @BeforeEach
  void createStore() {
    store = UploadStore.builder(dir).allow(UploadType.PNG, UploadType.PDF, UploadType.PLAIN_TEXT).build();
  }

  static byte[] png(int totalBytes) {
    byte[] body = Arrays.copyOf(PNG_MAGIC, totalBytes);
    for (int i = PNG_MAGIC.length; i < totalBytes; i++) {
      body[i] = (byte) (i * 31);
    }
    return body;
  }

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }

  @Test
  void allowedPng_isStoredUnderRandomNameWithSameBytes() throws Exception {
    byte[] body = png(200_000);
    StoredUpload stored = store.store(new ByteArrayInputStream(body), "../../holiday.PNG");
    assertThat(stored.type()).isEqualTo(UploadType.PNG);
    assertThat(stored.storedName()).matches("[0-9a-f]{32}\\.png");
    assertThat(stored.path().getParent()).isEqualTo(dir.toRealPath());
    assertThat(Files.readAllBytes(stored.path())).isEqualTo(body);
    assertThat(stored.sizeBytes()).isEqualTo(body.length);
    assertThat(stored.sha256Hex())
        .isEqualTo(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body)));
    assertThat(filesInDir()).containsExactly(stored.path());
  }

  @Test
  void storedFile_hasNoExecuteBits() throws Exception {
    StoredUpload stored = store.store(new ByteArrayInputStream(png(100)), "a.png");
    assertThat(Files.getPosixFilePermissions(stored.path()))
        .doesNotContain(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE)
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void twoUploadsOfSameName_getDistinctStoredNames() throws Exception {
    StoredUpload first = store.store(new ByteArrayInputStream(png(100)), "same.png");
    StoredUpload second = store.store(new ByteArrayInputStream(png(100)), "same.png");
    assertThat(first.storedName()).isNotEqualTo(second.storedName());
  }

  @Test
  void oversizedUpload_isRefusedAtTheCapAndLeavesNothing() throws Exception {
    long cap = 256 * 1024;
    UploadStore small = UploadStore.builder(dir).allow(UploadType.PNG).limits(Limits.defaults().withMaxUploadBytes(cap)).build();
    CountingEndlessPng endless = new CountingEndlessPng();
    assertThatThrownBy(() -> small.store(endless, "huge.png"))
        .isInstanceOf(UploadRejectedException.class)
        .extracting(e -> ((UploadRejectedException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    // Streaming, not buffering: the endless body was read only up to one chunk past the cap.
    assertThat(endless.served).isLessThanOrEqualTo(cap + 64 * 1024);
    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void bodyExactlyAtCap_isAccepted() throws Exception {
    UploadStore small = UploadStore.builder(dir).allow(UploadType.PNG).limits(Limits.defaults().withMaxUploadBytes(1000)).build();
    assertThat(small.store(new ByteArrayInputStream(png(1000)), "a.png").sizeBytes()).isEqualTo(1000);
    assertThatThrownBy(() -> small.store(new ByteArrayInputStream(png(1001)), "a.png"))
        .isInstanceOf(UploadRejectedException.class);
  }

  @Test
  void executableDisguisedAsPng_isRefusedByMagicBytes() throws Exception {
    assertRejected(ELF_MAGIC, "innocent.png", Reason.TYPE_NOT_ALLOWED);
  }

  @Test
  void htmlDisguisedAsText_isRefused() throws Exception {
    assertRejected("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), "notes.txt", Reason.TYPE_NOT_ALLOWED);
  }

  @Test
  void pngNamedPdf_isRefusedForExtensionMismatch() throws Exception {
    assertRejected(png(100), "report.pdf", Reason.EXTENSION_MISMATCH);
  }

  @Test
  void pngWithoutExtension_isRefused() throws Exception {
    assertRejected(png(100), "picture", Reason.EXTENSION_MISMATCH);
  }

  @Test
  void emptyBody_isRefused() throws Exception {
    assertRejected(new byte[0], "a.txt", Reason.EMPTY);
  }

  @Test
  void typeNotOnTheAllowlist_isRefusedEvenWithMatchingExtension() throws Exception {
    UploadStore pdfOnly = UploadStore.builder(dir).allow(UploadType.PDF).build();
    assertThatThrownBy(() -> pdfOnly.store(new ByteArrayInputStream(png(100)), "a.png"))
        .isInstanceOf(UploadRejectedException.class)
        .extracting(e -> ((UploadRejectedException) e).reason())
        .isEqualTo(Reason.TYPE_NOT_ALLOWED);
    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void bodyFailingMidStream_leavesNothing() throws Exception {
    InputStream failing = new InputStream() {
      int served;

      @Override
      public int read() throws IOException {
        if (served++ > 100_000) {
          throw new IOException("connection reset");
        }
        return served <= PNG_MAGIC.length ? PNG_MAGIC[served - 1] & 0xff : 7;
      }
    };
    assertThatThrownBy(() -> store.store(failing, "a.png")).isInstanceOf(IOException.class);
    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void rejectionMessage_doesNotRepeatClientName() throws Exception {
    String name = "secret-customer-list.pdf";
    assertThatThrownBy(() -> store.store(new ByteArrayInputStream(png(100)), name))
        .isInstanceOf(UploadRejectedException.class)
        .hasMessageNotContaining("secret-customer-list");
  }

  @Test
  void concurrentUploads_allLand() throws Exception {
    List<Callable<StoredUpload>> jobs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      jobs.add(() -> store.store(new ByteArrayInputStream(png(70_000)), "c.png"));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<StoredUpload> f : pool.invokeAll(jobs)) {
        assertThat(f.get().sizeBytes()).isEqualTo(70_000);
      }
    }
    assertThat(filesInDir()).hasSize(16);
  }

  @Test
  void builderWithoutTypes_isApiMisuse() {
    assertThatThrownBy(() -> UploadStore.builder(dir).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UploadStore.builder(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class);
  }

  private void assertRejected(byte[] body, String name, Reason reason) throws IOException {
    assertThatThrownBy(() -> store.store(new ByteArrayInputStream(body), name))
        .isInstanceOf(UploadRejectedException.class)
        .extracting(e -> ((UploadRejectedException) e).reason())
        .isEqualTo(reason);
    assertThat(filesInDir()).isEmpty();
  }

  /** A PNG body that never ends, counting what it served. */
  private static final class CountingEndlessPng extends InputStream {
    long served;

    @Override
    public int read() {
      return read(new byte[1], 0, 1) < 0 ? -1 : 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        long position = served + i;
        b[off + i] = position < PNG_MAGIC.length ? PNG_MAGIC[(int) position] : (byte) position;
      }
      served += len;
      return len;
    }
  }
}
