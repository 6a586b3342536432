package dev.bulwark.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void ownProcess_cpuTimeGrowsWithWork() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc on this system");
    ProcessCpu cpu = ProcessCpu.of(ProcessHandle.current().pid());
    double before = cpu.seconds();
    long end = System.nanoTime() + 300_000_000L;
    long sink = 0;
    while (System.nanoTime() < end) {
      sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
    }
    assertThat(sink).isNotNegative();
    assertThat(before).isGreaterThanOrEqualTo(0);
    assertThat(cpu.seconds()).isGreaterThan(before);
  }

  @Test
  void missingProcess_unknown() {
    assertThat(ProcessCpu.of(Long.MAX_VALUE).seconds()).isEqualTo(-1.0);
  }
}
