/** Bulwark benchmarks (JMH) and load drivers. Run them with bulwark-bench/run. */
module dev.bulwark.bench {
  requires dev.bulwark.crypto;
  requires dev.bulwark.cli;
  requires jmh.core;

  opens dev.bulwark.bench.tokens to jmh.core;
}
