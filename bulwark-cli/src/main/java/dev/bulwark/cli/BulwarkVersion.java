package dev.bulwark.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code bulwark --version}, read from the jar manifest. */
public final class BulwarkVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = BulwarkVersion.class.getPackage().getImplementationVersion();
    return new String[] {"bulwark " + (version == null ? "(development build)" : version)};
  }
}
