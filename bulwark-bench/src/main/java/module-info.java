/** Bulwark benchmarks (JMH) and load drivers. */
module dev.bulwark.bench {
  requires dev.bulwark.crypto;
  requires dev.bulwark.cli;
}
