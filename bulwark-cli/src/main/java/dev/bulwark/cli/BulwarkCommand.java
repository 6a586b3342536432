package dev.bulwark.cli;

import dev.bulwark.cli.audit.AuditCommand;
import dev.bulwark.cli.channel.ChannelCommand;
import dev.bulwark.cli.config.ConfigCommand;
import dev.bulwark.cli.fernet.FernetCommand;
import dev.bulwark.cli.hash.HashCommand;
import dev.bulwark.cli.jwt.JwtCommand;
import dev.bulwark.cli.keyset.DecryptCommand;
import dev.bulwark.cli.keyset.EncryptCommand;
import dev.bulwark.cli.keyset.KeysetCommand;
import dev.bulwark.cli.password.PasswordCommand;
import dev.bulwark.cli.token.TokenCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code bulwark} command: only lists its subcommands. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = BulwarkVersion.class,
    description = "Bulwark: secure-by-default security tools. Secrets are read from stdin or files, never from arguments.",
    subcommands = {
      ServeCommand.class,
      TokenCommand.class,
      FernetCommand.class,
      HashCommand.class,
      KeysetCommand.class,
      EncryptCommand.class,
      DecryptCommand.class,
      AuditCommand.class,
      PasswordCommand.class,
      JwtCommand.class,
      ConfigCommand.class,
      ChannelCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a negative answer (verification failed, findings present)",
      "2:usage or input error"
    })
public final class BulwarkCommand implements Runnable {
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print stack traces on errors (never printed otherwise).")
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see bulwark --help)");
  }
}
