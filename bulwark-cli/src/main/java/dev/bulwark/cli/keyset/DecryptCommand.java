package dev.bulwark.cli.keyset;

import dev.bulwark.cli.CliException;
import dev.bulwark.crypto.CryptoException;
import dev.bulwark.crypto.streaming.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bulwark decrypt}: verifies and decrypts what {@code bulwark encrypt} made. */
@Command(
    name = "decrypt",
    mixinStandardHelpOptions = true,
    description = {
      "Verify and decrypt a file or stdin made by bulwark encrypt. Exit 1 if it was modified, truncated,",
      "made with another keyset or context; with --out nothing is written then. Warning: on stdout,",
      "plaintext segments already verified may have been written before a later failure is found."
    })
public final class DecryptCommand extends StreamCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return execute();
  }

  @Override
  void transform(StreamingAead streaming, InputStream input, OutputStream output, byte[] associatedData)
      throws IOException, CryptoException {
    streaming.decrypt(input, output, associatedData);
  }

  @Override
  CliException failure(CryptoException e) {
    return CliException.negative("decryption failed: " + e.getMessage());
  }
}
