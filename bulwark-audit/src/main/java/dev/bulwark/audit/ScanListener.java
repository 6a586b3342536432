package dev.bulwark.audit;

/** Progress of a scan, for a progress bar. Called from worker threads: implementations must be thread-safe. */
@FunctionalInterface
public interface ScanListener {
  /** Nothing. */
  ScanListener NONE = (done, total) -> {};

  /** {@code done} of {@code total} files have been scanned. */
  void progress(int done, int total);
}
