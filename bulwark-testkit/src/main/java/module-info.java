/** Test support shared by the Bulwark test suites; never a runtime dependency. */
module dev.bulwark.testkit {
  requires transitive org.junit.jupiter.api;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.bulwark.testkit;
}
