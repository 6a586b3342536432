/** Bulwark audit: the scanner for hard-coded secrets and insecure code. */
module dev.bulwark.audit {
  requires transitive dev.bulwark.crypto;
  requires com.github.javaparser.core;

  exports dev.bulwark.audit;
}
