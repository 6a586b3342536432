package dev.bulwark.guard.auditlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guard.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Audit loss (CWE-778, insufficient logging): a full disk or write error must refuse the audited
 * operation, never drop the record silently.
 */
class AuditLogFailClosedTest {
  private final AuditKeys keys = AuditKeys.generate();

  /**
   * A sink that accepts {@code capacityBytes} and then fails like a full disk; counts writes, syncs
   * and head publishes (AuditLogBatchTest checks one write and one sync per batch).
   */
  static class FullDisk implements AuditSink {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final int capacityBytes;
    String head;
    int appends;
    int syncs;
    int heads;

    FullDisk(int capacityBytes) {
      this.capacityBytes = capacityBytes;
    }

    @Override
    public void append(byte[] line) throws IOException {
      appends++;
      if (written.size() + line.length > capacityBytes) {
        written.write(line, 0, capacityBytes - written.size()); // a torn write, as a real full disk does
        throw new IOException("No space left on device");
      }
      written.write(line);
    }

    @Override
    public void sync() throws IOException {
      syncs++;
    }

    @Override
    public void publishHead(String checkpointLine) throws IOException {
      heads++;
      head = checkpointLine;
    }

    @Override
    public void close() {}
  }

  private AuditLog logOn(AuditSink sink) {
    return new AuditLog(sink, keys, Clock.systemUTC(), 100, Limits.defaults(), AuditLogVerifier.empty());
  }

  @Test
  void fullDisk_failsTheAppendAndEveryLaterOne() throws Exception {
    FullDisk disk = new FullDisk(400);
    AuditLog audit = logOn(disk);
    assertThat(audit.append(AuditEvent.of("login", "alice", "success"))).isEqualTo(1);
    AuditEvent big = AuditEvent.of("login", "bob", "success").with("detail", "x".repeat(500));
    assertThatThrownBy(() -> audit.append(big))
        .isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("refuse the audited operation");
    assertThatThrownBy(() -> audit.append(AuditEvent.of("login", "carol", "success")))
        .isInstanceOf(AuditWriteException.class)
        .hasMessageContaining("failed earlier");
    assertThat(audit.records()).isEqualTo(1);
    // The torn line on "disk" is caught on verification, never silently built upon.
    String content = disk.written.toString(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AuditLogVerifier.verify(content, Optional.empty(), keys.verifyKeys()))
        .isInstanceOf(AuditTamperedException.class);
  }

  @Test
  void closedLog_refusesAppends() throws Exception {
    AuditLog audit = logOn(new FullDisk(1 << 20));
    audit.append(AuditEvent.of("login", "alice", "success"));
    audit.close();
    assertThatThrownBy(() -> audit.append(AuditEvent.of("login", "alice", "success")))
        .isInstanceOf(AuditWriteException.class);
  }

  @Test
  void headPublishFailure_failsClosed() throws Exception {
    AuditSink brokenHead = new FullDisk(1 << 20) {
      @Override
      public void publishHead(String checkpointLine) throws IOException {
        throw new IOException("read-only file system");
      }
    };
    AuditLog audit = logOn(brokenHead);
    audit.append(AuditEvent.of("login", "alice", "success"));
    assertThatThrownBy(audit::checkpoint).isInstanceOf(AuditWriteException.class);
    assertThatThrownBy(() -> audit.append(AuditEvent.of("login", "alice", "success"))).isInstanceOf(AuditWriteException.class);
  }
}
