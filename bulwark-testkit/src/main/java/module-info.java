/** Test support shared by the Bulwark test suites; never a runtime dependency. */
module dev.bulwark.testkit {
  requires transitive org.junit.jupiter.api;

  exports dev.bulwark.testkit;
}
