package dev.bulwark.cli.channel;

import dev.bulwark.channel.ChannelClient;
import dev.bulwark.channel.ChannelClientConfig;
import dev.bulwark.channel.ChannelException;
import dev.bulwark.channel.ChannelIdentity;
import dev.bulwark.channel.ChannelPin;
import dev.bulwark.channel.ChannelServer;
import dev.bulwark.channel.ChannelServerConfig;
import dev.bulwark.channel.ChannelStream;
import dev.bulwark.channel.ServerTrust;
import dev.bulwark.channel.StreamHandler;
import dev.bulwark.channel.UntrustedServerException;
import dev.bulwark.cli.CliException;
import dev.bulwark.cli.Stdio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bulwark channel}: the post-quantum secure channel from the shell. {@code keygen} writes a
 * server identity (owner-only file, never overwritten) and prints its pin; {@code serve} runs an
 * echo or command server; {@code connect} pipes stdin and stdout through one stream, like netcat.
 * A refused server identity exits 1; usage, file and connection errors exit 2.
 */
@Command(
    name = "channel",
    mixinStandardHelpOptions = true,
    description = "The secure multi-stream channel (X25519 + ML-KEM-768 handshake, pinned server keys).")
public final class ChannelCommand implements Runnable {
  private static final int MAX_IDENTITY_FILE_BYTES = 4096;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose keygen, serve or connect (see --help)");
  }

  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description = "Write a new server identity to FILE (mode 0600, never overwritten) and print its pin.")
  int keygen(
      @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the identity.")
          Path out,
      @Option(names = "--ml-dsa", description = "Add an ML-DSA-65 key: post-quantum server authentication.")
          boolean mlDsa) {
    ChannelIdentity identity = ChannelIdentity.generate(mlDsa);
    byte[] text = identity.insecureExport();
    try {
      writeNew(out, text);
    } finally {
      java.util.Arrays.fill(text, (byte) 0);
    }
    spec.commandLine().getOut().println(identity.pin());
    identity.destroy();
    return 0;
  }

  private static void writeNew(Path file, byte[] text) {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      try {
        Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      } catch (IOException e) {
        Files.deleteIfExists(file); // no partial identity file left behind
        throw e;
      }
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage("refusing to overwrite " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + e.getClass().getSimpleName());
    }
  }

  static ChannelIdentity readIdentity(Path file) {
    byte[] text;
    try (InputStream in = Files.newInputStream(file)) {
      text = in.readNBytes(MAX_IDENTITY_FILE_BYTES + 1);
    } catch (IOException e) {
      throw CliException.usage("cannot read identity file " + file);
    }
    try {
      if (text.length > MAX_IDENTITY_FILE_BYTES) {
        throw CliException.usage("identity file " + file + " is too large");
      }
      return ChannelIdentity.parse(text);
    } catch (ChannelException e) {
      throw CliException.usage(file + ": " + e.getMessage());
    } finally {
      java.util.Arrays.fill(text, (byte) 0);
    }
  }

  /** Exactly one of --echo and --exec. */
  static final class Mode {
    @Option(names = "--echo", required = true, description = "Echo every stream back.")
    boolean echo;

    @Option(
        names = "--exec",
        required = true,
        arity = "1..*",
        paramLabel = "CMD",
        description = "Run CMD (an absolute path, then its arguments; no shell, empty environment) per stream,"
            + " wiring the stream to its stdin and stdout.")
    List<String> exec;
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Serve the channel until stopped (SIGTERM drains open streams for 5 s).")
  int serve(
      @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "Address to bind.")
          String listen,
      @Option(names = "--identity", required = true, paramLabel = "FILE", description = "The identity from keygen.")
          Path identityFile,
      @ArgGroup(exclusive = true, multiplicity = "1") Mode mode) throws InterruptedException {
    InetSocketAddress address = HostPort.parse(listen, spec.commandLine());
    ChannelIdentity identity = readIdentity(identityFile);
    StreamHandler handler = mode.echo ? stream -> stream.inputStream().transferTo(stream.outputStream())
        : ExecHandler.of(mode.exec, spec.commandLine());
    ChannelServer server;
    try {
      server = ChannelServer.start(address, ChannelServerConfig.defaults(identity), handler);
    } catch (IOException e) {
      throw CliException.usage("cannot listen on " + listen + ": " + e.getClass().getSimpleName());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close(Duration.ofSeconds(5))));
    InetSocketAddress bound = server.address();
    spec.commandLine().getOut().println("listening on " + bound.getHostString() + ":" + bound.getPort()
        + " pin " + identity.pin());
    spec.commandLine().getOut().flush();
    server.awaitClose();
    return 0;
  }

  /** Exactly one way to trust the server. */
  static final class Trust {
    @Option(names = "--pin", required = true, paramLabel = "PIN", description = "The server's pin (bwch1_...).")
    String pin;

    @Option(
        names = "--insecure-tofu-known-hosts",
        required = true,
        paramLabel = "FILE",
        description = "Trust the key seen first and record it in FILE; refuse a changed key later.")
    Path knownHosts;
  }

  @Command(
      name = "connect",
      mixinStandardHelpOptions = true,
      description = "Open one stream to HOST:PORT; send stdin, write what comes back to stdout.")
  int connect(
      @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server.") String target,
      @ArgGroup(exclusive = true, multiplicity = "1") Trust trust) {
    InetSocketAddress address = HostPort.parse(target, spec.commandLine());
    ServerTrust serverTrust;
    if (trust.pin != null) {
      try {
        serverTrust = ServerTrust.pinned(ChannelPin.parse(trust.pin));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    } else {
      serverTrust = ServerTrust.insecureTrustOnFirstUse(trust.knownHosts, address.getHostString() + ":" + address.getPort());
    }
    Stdio stdio = Stdio.current();
    try (ChannelClient client = ChannelClient.connect(address.getHostString(), address.getPort(), ChannelClientConfig.of(serverTrust));
        ChannelStream stream = client.openStream()) {
      Thread upload = Thread.ofVirtual().start(() -> {
        try (InputStream in = stdio.in(); OutputStream out = stream.outputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // the download side reports the failure
        }
      });
      byte[] buffer = new byte[16384];
      InputStream in = stream.inputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        stdio.writeOut(java.util.Arrays.copyOf(buffer, n));
      }
      upload.join();
      return 0;
    } catch (UntrustedServerException e) {
      throw CliException.negative(e.getMessage());
    } catch (ChannelException e) {
      throw CliException.usage(e.getMessage());
    } catch (IOException e) {
      throw CliException.usage("cannot connect to " + target + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.usage("interrupted");
    }
  }
}
