package dev.bulwark.guard.auditlog;

import dev.bulwark.crypto.ConstantTime;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.mac.Mac;
import dev.bulwark.guard.Limits;
import dev.bulwark.guard.auditlog.AuditFormat.Line;
import dev.bulwark.guard.auditlog.AuditTamperedException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an {@link AuditLog} file: every record's HMAC chains to the one before, every
 * checkpoint's signatures verify over the chain at its position, and the log is not shorter than
 * its signed head ({@code <log>.head}, or one the caller kept elsewhere).
 *
 * <p>It tells apart, and says where: a {@linkplain Kind#MODIFIED modified} record, {@linkplain
 * Kind#DELETED deleted} records, an {@linkplain Kind#INSERTED inserted} (forged or replayed) record,
 * {@linkplain Kind#REORDERED reordered} records, {@linkplain Kind#TRUNCATED truncation} below the
 * signed head, a {@linkplain Kind#BAD_CHECKPOINT bad checkpoint}, and a {@linkplain Kind#MALFORMED
 * malformed or torn} line. MACs are checked before any record content is read, and in constant time.
 *
 * {@snippet :
 * AuditVerification ok = AuditLogVerifier.verify(Path.of("audit.log"), keys.verifyKeys());
 * }
 *
 * <p><b>Warning</b>: records after the last checkpoint are chained but not signed; removing only
 * them is detectable only against a head kept elsewhere. Ship each new head ({@link
 * AuditLog#head()}) off the machine, and keep the checkpoint interval short.
 *
 * <p>Lines longer than {@link Limits#maxStringLength()} are malformed. Thread-safe: stateless.
 */
public final class AuditLogVerifier {
  private AuditLogVerifier() {}

  /** Verifies {@code log} against its {@code .head} file when present, with {@link Limits#defaults()}. */
  public static AuditVerification verify(Path log, AuditVerifyKeys keys) throws AuditTamperedException, IOException {
    return verify(log, keys, Limits.defaults());
  }

  /**
   * Verifies {@code log} against its {@code .head} file when present.
   *
   * @throws AuditTamperedException if the log was altered, with where and how
   * @throws IOException if the log cannot be read
   */
  public static AuditVerification verify(Path log, AuditVerifyKeys keys, Limits limits)
      throws AuditTamperedException, IOException {
    return outcome(log, keys, limits).result();
  }

  static Outcome outcome(Path log, AuditVerifyKeys keys, Limits limits) throws AuditTamperedException, IOException {
    Objects.requireNonNull(log, "log");
    Optional<List<String>> candidates = AuditHeadFile.candidates(AuditLog.headPath(log));
    Line head = candidates.isEmpty() ? null : newestHead(candidates.get(), keys);
    try (Reader reader = new InputStreamReader(Files.newInputStream(log),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT))) {
      return run(reader, head, keys, limits);
    }
  }

  /**
   * The newest of a head file's checkpoints ({@link AuditHeadFile#candidates}) whose signatures
   * verify, already verified. One that does not verify is skipped (a publish torn by a crash, see
   * {@link AuditHeadFile}); when none verifies, the head is a bad checkpoint.
   */
  static Line newestHead(List<String> candidates, AuditVerifyKeys keys) throws AuditTamperedException {
    Line newest = null;
    AuditTamperedException failure = null;
    for (String candidate : candidates) {
      try {
        Line line = verifiedHead(candidate, keys);
        if (newest == null || line.seq() > newest.seq()) {
          newest = line;
        }
      } catch (AuditTamperedException e) {
        failure = e;
      }
    }
    if (newest == null) {
      throw failure != null ? failure
          : new AuditTamperedException(Kind.BAD_CHECKPOINT, 0, 0, "the head file holds no checkpoint");
    }
    return newest;
  }

  static Outcome empty() {
    return new Outcome(new AuditVerification(0, 0, 0, false), AuditFormat.GENESIS);
  }

  /**
   * Verifies log content read from {@code content}, against {@code signedHead} (a checkpoint line)
   * when given.
   *
   * @throws AuditTamperedException if the log was altered, with where and how
   * @throws IOException if reading failed
   */
  public static AuditVerification verify(Reader content, Optional<String> signedHead, AuditVerifyKeys keys, Limits limits)
      throws AuditTamperedException, IOException {
    Objects.requireNonNull(signedHead, "signedHead");
    Objects.requireNonNull(keys, "keys");
    return run(content, signedHead.isEmpty() ? null : verifiedHead(signedHead.get(), keys), keys, limits).result();
  }

  /** Verification outcome plus the chain state a writer resumes from. */
  record Outcome(AuditVerification result, byte[] lastMac) {}

  /** Verifies {@code content} against {@code head}, a checkpoint whose signatures were verified (null: none). */
  static Outcome run(Reader content, Line head, AuditVerifyKeys keys, Limits limits)
      throws AuditTamperedException, IOException {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(limits, "limits");
    Mac mac = Mac.create(keys.chainKey());
    Lines lines = new Lines(content, limits.maxStringLength());
    byte[] previous = AuditFormat.GENESIS;
    long records = 0;
    long checkpoints = 0;
    long lastCheckpoint = 0;
    String text;
    while ((text = lines.next()) != null) {
      long lineNumber = lines.number;
      long expected = records + 1;
      Line line = parse(text, lineNumber, expected);
      if (line.kind() == 'C') {
        if (line.seq() != records || !ConstantTime.equals(line.mac(), previous)) {
          throw new AuditTamperedException(Kind.BAD_CHECKPOINT, lineNumber, expected, "checkpoint does not match the chain");
        }
        try {
          AuditFormat.verifyCheckpoint(line, keys);
        } catch (CryptoException e) {
          throw new AuditTamperedException(Kind.BAD_CHECKPOINT, lineNumber, expected, "checkpoint signature does not verify");
        }
        checkpoints++;
        lastCheckpoint = line.seq();
        continue;
      }
      byte[] computed = AuditFormat.recordMac(mac, previous, expected, line.payload());
      if (line.seq() != expected || !ConstantTime.equals(computed, line.mac())) {
        throw diagnose(line, lineNumber, expected, previous, mac, lines);
      }
      previous = computed;
      records = expected;
      if (head != null && head.seq() == records && !ConstantTime.equals(head.mac(), computed)) {
        throw new AuditTamperedException(Kind.BAD_CHECKPOINT, lineNumber, expected, "chain differs from the signed head");
      }
    }
    if (head != null && head.seq() > records) {
      throw new AuditTamperedException(Kind.TRUNCATED, 0, records + 1,
          "log ends after record " + records + " but the signed head covers record " + head.seq());
    }
    return new Outcome(new AuditVerification(records, checkpoints, lastCheckpoint, head != null), previous);
  }

  private static Line verifiedHead(String headLine, AuditVerifyKeys keys) throws AuditTamperedException {
    try {
      Line head = AuditFormat.parse(headLine);
      if (head.kind() != 'C') {
        throw new IllegalArgumentException("head is not a checkpoint");
      }
      AuditFormat.verifyCheckpoint(head, keys);
      return head;
    } catch (IllegalArgumentException | CryptoException e) {
      throw new AuditTamperedException(Kind.BAD_CHECKPOINT, 0, 0, "the signed head is malformed or its signature does not verify");
    }
  }

  private static Line parse(String text, long lineNumber, long expected) throws AuditTamperedException {
    try {
      return AuditFormat.parse(text);
    } catch (IllegalArgumentException e) {
      throw new AuditTamperedException(Kind.MALFORMED, lineNumber, expected, "not an audit log line: " + e.getMessage());
    }
  }

  /**
   * A record at {@code lineNumber} does not chain. Looks ahead to tell modification, insertion,
   * reordering and deletion apart; the verdict needs no trust in the unverified line beyond its
   * claimed sequence number, and every verdict is a failure.
   */
  private static AuditTamperedException diagnose(Line bad, long lineNumber, long expected, byte[] previous, Mac mac, Lines lines)
      throws IOException {
    Line next = lines.nextRecord();
    if (next != null && next.seq() == expected) {
      byte[] nextMac = AuditFormat.recordMac(mac, previous, expected, next.payload());
      if (ConstantTime.equals(nextMac, next.mac())) {
        boolean swapped = bad.seq() == expected + 1
            && ConstantTime.equals(AuditFormat.recordMac(mac, nextMac, bad.seq(), bad.payload()), bad.mac());
        return swapped
            ? new AuditTamperedException(Kind.REORDERED, lineNumber, expected, "record " + bad.seq() + " comes before record " + expected)
            : new AuditTamperedException(Kind.INSERTED, lineNumber, expected, "a record that is not part of the chain was inserted");
      }
    }
    if (bad.seq() == expected) {
      return new AuditTamperedException(Kind.MODIFIED, lineNumber, expected, "record content or MAC was changed");
    }
    if (bad.seq() < expected) {
      return new AuditTamperedException(Kind.INSERTED, lineNumber, expected, "record " + bad.seq() + " appears again");
    }
    for (Line later = next; later != null; later = lines.nextRecord()) {
      if (later.seq() == expected) {
        return new AuditTamperedException(Kind.REORDERED, lineNumber, expected, "record " + expected + " appears later in the log");
      }
    }
    return new AuditTamperedException(Kind.DELETED, lineNumber, expected,
        "records " + expected + " to " + (bad.seq() - 1) + " are missing");
  }

  /** Reads complete, bounded lines; a last line without its newline is a torn write. */
  private static final class Lines {
    private final BufferedReader reader;
    private final int maxChars;
    long number;

    Lines(Reader reader, int maxChars) {
      this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
      this.maxChars = maxChars;
    }

    String next() throws IOException, AuditTamperedException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = read()) != -1) {
        if (c == '\n') {
          number++;
          return line.toString();
        }
        if (line.length() >= maxChars) {
          throw new AuditTamperedException(Kind.MALFORMED, number + 1, 0, "line longer than " + maxChars + " characters");
        }
        line.append((char) c);
      }
      if (!line.isEmpty()) {
        throw new AuditTamperedException(Kind.MALFORMED, number + 1, 0, "last line is incomplete (torn write)");
      }
      return null;
    }

    private int read() throws IOException, AuditTamperedException {
      try {
        return reader.read();
      } catch (CharacterCodingException e) {
        throw new AuditTamperedException(Kind.MALFORMED, number + 1, 0, "line is not valid UTF-8");
      }
    }

    /** The next well-formed record line, skipping others; null at the end or on a bad line. */
    Line nextRecord() throws IOException {
      while (true) {
        String text;
        try {
          text = next();
        } catch (AuditTamperedException e) {
          return null;
        }
        if (text == null) {
          return null;
        }
        try {
          Line line = AuditFormat.parse(text);
          if (line.kind() == 'R') {
            return line;
          }
        } catch (IllegalArgumentException ignored) {
          // Diagnosis only looks for well-formed records; a malformed one cannot be the missing one.
        }
      }
    }
  }

  /** Convenience for tests and tools: verifies log text held in memory. */
  static AuditVerification verify(String content, Optional<String> signedHead, AuditVerifyKeys keys)
      throws AuditTamperedException {
    try {
      return verify(new StringReader(content), signedHead, keys, Limits.defaults());
    } catch (IOException impossible) {
      throw new IllegalStateException("a StringReader does not fail", impossible);
    }
  }
}
