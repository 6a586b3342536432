package dev.bulwark.server.secrets;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The progress of one data-key rotation ({@link DataKeyRotation}): safe to show to an admin.
 *
 * @param id the job id (random, URL-safe)
 * @param targetKeyId the data key the job moves every stored version to
 * @param state {@code running} or {@code finished}
 * @param total versions that needed rewrapping when the job started
 * @param done versions rewrapped (or that vanished meanwhile: destroyed or pruned)
 * @param failed versions that could not be decrypted (tampered rows); left as they were
 * @param startedAtMillis when it started
 * @param finishedAtMillis when it finished, if it has
 */
public record RotationJob(
    String id, long targetKeyId, String state, long total, long done, long failed, long startedAtMillis,
    OptionalLong finishedAtMillis) {

  /** The state of a job still working (or interrupted, to be resumed). */
  public static final String RUNNING = "running";
  /** The state of a job that went through every version. */
  public static final String FINISHED = "finished";

  public RotationJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(finishedAtMillis, "finishedAtMillis");
  }
}
