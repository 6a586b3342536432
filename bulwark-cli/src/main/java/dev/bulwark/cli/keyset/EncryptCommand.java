package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bulwark encrypt}: streaming AEAD under the keyset's primary key. */
@Command(
    name = "encrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Encrypt a file or stdin of any size with the keyset's primary key (segmented streaming AEAD).",
      "Decrypt with: bulwark decrypt --keyset FILE [--context STRING]"
    })
public final class EncryptCommand extends StreamCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return execute();
  }

  @Override
  void transform(StreamingAead streaming, InputStream input, OutputStream output, byte[] associatedData)
      throws IOException, CryptoException {
    streaming.encrypt(input, output, associatedData);
  }

  @Override
  CliException failure(CryptoException e) {
    return CliException.usage("encryption failed: " + e.getMessage());
  }
}
