package dev.bulwark.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of another process, read from Linux's {@code /proc/PID/stat}: the server
 * cost per request, which a client on the same two cores cannot inflate. Elsewhere (no {@code /proc})
 * it reports -1, "unknown". Thread-safe (stateless apart from the pid).
 *
 * @param pid the process to observe
 * @param ticksPerSecond the kernel clock tick ({@code getconf CLK_TCK}, 100 on Linux)
 */
public record ProcessCpu(long pid, long ticksPerSecond) {

  /** Observes {@code pid} with the usual 100 ticks per second. */
  public static ProcessCpu of(long pid) {
    return new ProcessCpu(pid, 100);
  }

  /** CPU seconds used so far, or -1 if it cannot be read. */
  public double seconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / (double) ticksPerSecond;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
